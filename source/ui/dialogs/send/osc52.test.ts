import test from 'ava';
import {osc52, OSC52_MAX_BYTES} from './osc52.js';

test('OSC 52 is ESC ] 52 ; c ; base64 BEL', t => {
  t.deepEqual(osc52('hello'), {ok: true, sequence: '\u001B]52;c;aGVsbG8=\u0007'});
  t.deepEqual(osc52('é'), {ok: true, sequence: '\u001B]52;c;w6k=\u0007'});
});

test('OSC 52 that common terminals would drop is refused with its size, never cut', t => {
  const justFits = 'x'.repeat(Math.floor((OSC52_MAX_BYTES - 8) / 4) * 3);
  const fits = osc52(justFits);
  t.true(fits.ok);
  if (fits.ok) t.true(fits.sequence.length <= OSC52_MAX_BYTES);
  const tooLong = osc52('x'.repeat(75_000));
  t.deepEqual(tooLong, {ok: false, bytes: 100_008});
});
