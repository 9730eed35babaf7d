/** Ctrl+W at 80×24: a request's third party and redirect URI wrap to the pane, never cut with "…". */
import test from 'ava';
import {render} from 'ink-testing-library';
import React from 'react';
import {layoutFor} from '../../console/layout.js';
import {ApprovalsDialog} from './approvals-dialog.js';

const layout = layoutFor(80, 24);
const name = 'Municipal Water and Wastewater Authority of the Greater Metropolitan Region Ltd';
const redirectUri = 'https://integration.payments.municipal-water-authority.example.org/oauth2/callback?tenant=north';

const request = (id: string) => ({
  id,
  thirdPartyId: 'tp1',
  thirdPartyName: name,
  clientId: '01M8E75480JC9YCJ893XYCYRB3',
  remote: '203.0.113.77',
  redirectUri,
  since: '2026-11-27T09:59:00.000Z',
});

const frameOf = (count: number, index: number): string => {
  const {lastFrame, unmount} = render(
    <ApprovalsDialog
      dialog={{kind: 'approvals', index}}
      approvals={{connected: true, pending: Array.from({length: count}, (_, at) => request(`r${at}`))}}
      notice={undefined}
      now={new Date('2026-11-27T10:00:00.000Z')}
      width={layout.formWidth}
      height={layout.paneRows + 2}
    />,
  );
  const frame = lastFrame() ?? '';
  unmount();
  return frame;
};

/** The pane's text with its lines joined, wrapped words put back together. */
const joined = (frame: string): string =>
  frame
    .split('\n')
    .slice(1, -1)
    .map(line => line.replace(/^│/, '').replace(/│$/, '').trim())
    .join(' ');

test("a request's third party and redirect URI are there to their end", t => {
  const frame = frameOf(1, 0);
  t.false(frame.includes('…'), 'nothing is cut off');
  t.true(joined(frame).replaceAll(' ', '').includes(name.replaceAll(' ', '')), 'the whole name');
  t.true(joined(frame).replaceAll(' ', '').includes(`to${redirectUri}`), 'the whole redirect URI');
  t.is(frame.split('\n').length, layout.paneRows + 2, 'the dialog stays inside its pane');
});

test('with more requests than fit, the highlighted one is shown whole, and the count says which', t => {
  const frame = frameOf(6, 5);
  t.false(frame.includes('…'));
  t.regex(frame, /› Municipal/, `the highlighted request is on screen:\n${frame}`);
  t.regex(frame, /\d–6 of 6/);
  t.is(frame.split('\n').length, layout.paneRows + 2);
});
