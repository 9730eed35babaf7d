/** The form of a request that authenticates a client (client-auth.ts), read before any route works on it. */
import test from 'ava';
import {indexAccess} from '../domain/index.js';
import {readFormClient} from './client-auth.js';

const FORM = 'application/x-www-form-urlencoded';
const index = indexAccess([]);
const now = new Date('2026-12-06T10:00:00.000Z');

const refusal = (body: string, contentType = FORM): string => {
  const found = readFormClient(undefined, contentType, body, index, now);
  if (found.kind !== 'refused') throw new Error(`${body} was not refused`);
  return JSON.parse(found.refusal().reply.body).error_description as string;
};

test('a repeated parameter is refused, naming the first of the form that is repeated', t => {
  t.is(refusal('token=a&token=b'), 'The parameter token is given more than once.');
  t.is(refusal('a=1&b=2&b=3&a=4'), 'The parameter a is given more than once.');
  t.is(refusal('client_id=x&b=2&b=3&client_id=y'), 'The parameter client_id is given more than once.');
});

test('the form type is read as HTTP reads it: case and parameters aside, anything else is refused', t => {
  t.regex(refusal('token=a', 'Application/X-WWW-Form-Urlencoded; charset=UTF-8'), /Authenticate the client/);
  t.regex(refusal('token=a', FORM), /Authenticate the client/);
  t.regex(refusal('token=a', 'application/json'), /^Send the body as application\/x-www-form-urlencoded/);
  t.regex(refusal('token=a', ''), /^Send the body as/);
});
