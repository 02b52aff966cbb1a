import type { testTrafficEs } from './test-traffic-es';

// Test traffic (the simulator and the signed test send), in English.

export const testTrafficEn: typeof testTrafficEs = {
  badge: 'Test',
  badgeTitle: 'Test message (simulator or signed test): it counts in neither the overview nor the reports.',
  title: 'Test traffic',
  intro:
    'What came through the simulator or “Send signed test” (channels in sandbox mode). It counts in neither the overview nor the reports.',
  counts: (leads, conversations, messages) =>
    `Test rows: leads ${leads} · conversations ${conversations} · messages ${messages}.`,
  none: 'There is no test traffic.',
  confirm: 'Yes, delete all test traffic. Real customers are not touched.',
  delete: 'Delete test traffic',
  deleted: (leads, conversations, messages) =>
    `Done, test traffic deleted: leads ${leads} · conversations ${conversations} · messages ${messages}.`,
  confirmFirst: 'Tick the box to confirm.',
};
