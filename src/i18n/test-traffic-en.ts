import type { testTrafficEs } from './test-traffic-es';

// Test traffic (the simulator and the signed test send), in English.

export const testTrafficEn: typeof testTrafficEs = {
  badge: 'Test',
  badgeTitle: 'Test message (simulator or signed test): it counts in neither the overview nor the reports.',
  title: 'Test traffic',
  intro:
    'What came through the simulator or “Send signed test” (channels in sandbox mode). It counts in neither the overview nor the reports.',
  counts: (leads, conversations, messages) =>
    `${leads} leads, ${conversations} conversations and ${messages} test messages.`,
  none: 'There is no test traffic.',
  confirm: 'Yes, delete all test traffic. Real customers are not touched.',
  delete: 'Delete test traffic',
  deleted: (leads, conversations, messages) =>
    `Done: deleted ${leads} leads, ${conversations} conversations and ${messages} test messages.`,
  confirmFirst: 'Tick the box to confirm.',
};
