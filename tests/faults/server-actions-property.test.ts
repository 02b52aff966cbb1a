import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutatedForm, randomForm } from '../security/support/hostile-strings';
import { tenantFingerprint } from '../security/support/tenant-rows';
import { type ActionCase, actionCases } from './support/action-forms';
import { type DashboardStack, startDashboardStack } from './support/dashboard-stack';
import { type ActionRef, actionState, callAction, readActions } from './support/server-actions';

// Every server action of the built app, called over HTTP as the browser calls it, by the owner,
// an agent, another tenant's owner and nobody, with valid forms carrying hostile values and with
// random forms: an answer (an action state, or a redirect to sign in) and never a 5xx; no
// unexpected error in the server's log; a refusal writes nothing; the other tenant never changes.

let stack: DashboardStack;
let actions: Map<string, ActionRef>;
let cookies: Record<'ownerA' | 'agentA' | 'ownerB' | 'nobody', string | undefined>;
let cases: ActionCase[];

beforeAll(async () => {
  stack = await startDashboardStack();
  actions = readActions();
  cookies = {
    ownerA: await stack.signIn('owner@dash-a.example'),
    agentA: await stack.signIn('agent@dash-a.example'),
    ownerB: await stack.signIn('owner@dash-b.example'),
    nobody: undefined,
  };
  cases = actionCases(stack);
}, 300_000);
afterAll(async () => {
  await stack?.close();
}, 60_000);

const who = fc.constantFrom('ownerA', 'agentA', 'ownerB', 'nobody') as fc.Arbitrary<keyof typeof cookies>;

function unexpectedErrors(from: number): string[] {
  return stack.app.output
    .slice(from)
    .join('')
    .split('\n')
    .filter((line) => /"level":"error"|Error:|⨯/.test(line));
}

/** Work an earlier action left running (the simulator's webhook drains the queue in after()). */
async function quietFingerprint(tenantId: string): Promise<Record<string, string>> {
  let last = await tenantFingerprint(stack.db, tenantId);
  for (let tries = 0; tries < 50; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await tenantFingerprint(stack.db, tenantId);
    const busy = await stack.db.pool.query("select 1 from jobs where status = 'processing' limit 1");
    if (JSON.stringify(now) === JSON.stringify(last) && busy.rowCount === 0) return now;
    last = now;
  }
  throw new Error('the tenant never went quiet');
}

async function expectAnswered(
  testCase: ActionCase,
  form: Record<string, string>,
  caller: keyof typeof cookies,
) {
  const a = await quietFingerprint(stack.ids.tenantA);
  const b = await tenantFingerprint(stack.db, stack.ids.tenantB);
  const logFrom = stack.app.output.length;
  const answer = await callAction(stack.app.baseUrl, actions.get(testCase.key)!, form, {
    cookie: cookies[caller],
    params: testCase.params,
    args: testCase.args,
  });
  expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
  expect(unexpectedErrors(logFrom)).toEqual([]);
  const state = actionState(answer);
  const redirected = answer.headers.has('x-action-redirect') || (answer.status >= 300 && answer.status < 400);
  if (testCase.args === 'state-form' && answer.status === 200 && !redirected) expect(state).toBeDefined();
  if (state?.status === 'error' || answer.status !== 200) {
    expect(await tenantFingerprint(stack.db, stack.ids.tenantA)).toEqual(a);
  }
  if (caller !== 'ownerB') expect(await tenantFingerprint(stack.db, stack.ids.tenantB)).toEqual(b);
}

describe('every server action over HTTP', () => {
  it('the build has exactly the actions this test knows', () => {
    expect([...actions.keys()].sort()).toEqual(cases.map((c) => c.key).sort());
  });

  it('a form over the 1 MB server action limit is a 413, not a 500', async () => {
    const testCase = cases.find((c) => c.key.endsWith('#sendReplyAction'))!;
    const logFrom = stack.app.output.length;
    const answer = await callAction(
      stack.app.baseUrl,
      actions.get(testCase.key)!,
      { ...testCase.form, text: 'x'.repeat(1_100_000) },
      { cookie: cookies.ownerA, params: testCase.params },
    );
    expect(answer.status).toBe(413);
    expect(unexpectedErrors(logFrom)).toEqual([]);
  });

  it.each([
    'saveAiHandoffAction',
    'saveAiHoursAction',
    'saveChannelAction',
    'changeConversationAction',
    'sendReplyAction',
    'retryJobAction',
    'simulateMessageAction',
  ])('%s: the valid form works for the owner (the properties below test something)', async (name) => {
    const testCase = cases.find((c) => c.key.endsWith(`#${name}`))!;
    const answer = await callAction(stack.app.baseUrl, actions.get(testCase.key)!, testCase.form, {
      cookie: cookies.ownerA,
      params: testCase.params,
    });
    expect(answer.status).toBe(200);
    expect(actionState(answer)?.status, answer.text.slice(-400)).toBe('ok');
  });

  it('valid forms with hostile values swapped in, from anyone: answered, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 1000 }).chain((n) => {
          const testCase = cases[n % cases.length]!;
          return fc.tuple(fc.constant(testCase), mutatedForm(testCase.form), who);
        }),
        ([testCase, form, caller]) => expectAnswered(testCase, form, caller),
      ),
      { numRuns: 150 },
    );
  });

  it('random forms, from anyone: answered, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 1000 }), randomForm, who, (n, form, caller) =>
        expectAnswered(cases[n % cases.length]!, form, caller),
      ),
      { numRuns: 60 },
    );
  });
});
