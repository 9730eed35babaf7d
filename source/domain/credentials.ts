/**
 * Client secrets and OAuth tokens: 32 CSPRNG bytes in base62, a prefix that says what the
 * value is (`tpas_` secret, `tpat_` token) and a CRC-32 checksum, so that a leaked value can
 * be recognised by a scanner without asking the server (the scheme GitHub uses for its tokens).
 */
import {crc32} from 'node:zlib';
import {ulid} from 'ulid';
import type {Environment} from './types.js';

export const SECRET_PREFIX = 'tpas_';
export const TOKEN_PREFIX = 'tpat_';
export type CredentialPrefix = typeof SECRET_PREFIX | typeof TOKEN_PREFIX;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BODY_LENGTH = 43; // 62^43 > 2^256
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32
const RANDOM_BYTES = 32;

const toBase62 = (value: bigint, length: number): string => {
  let text = '';
  let rest = value;
  while (rest > 0n) {
    text = ALPHABET[Number(rest % 62n)] + text;
    rest /= 62n;
  }
  return text.padStart(length, '0');
};

const bytesToBigInt = (bytes: Uint8Array): bigint => bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);

const checksum = (prefix: string, body: string): string => toBase62(BigInt(crc32(prefix + body)), CHECKSUM_LENGTH);

export const generateCredential = (prefix: CredentialPrefix, env: Pick<Environment, 'randomBytes'>): string => {
  const bytes = env.randomBytes(RANDOM_BYTES);
  if (bytes.length !== RANDOM_BYTES) throw new Error(`expected ${RANDOM_BYTES} random bytes`);
  const body = toBase62(bytesToBigInt(bytes), BODY_LENGTH);
  return prefix + body + checksum(prefix, body);
};

/** True when the value has the prefix, the length and a checksum that matches. */
export const isWellFormedCredential = (value: string, prefix: CredentialPrefix): boolean => {
  const pattern = new RegExp(`^${prefix}[0-9A-Za-z]{${BODY_LENGTH + CHECKSUM_LENGTH}}$`);
  if (!pattern.test(value)) return false;
  const body = value.slice(prefix.length, prefix.length + BODY_LENGTH);
  return value.endsWith(checksum(prefix, body));
};

/** A ULID whose random part comes from the injected CSPRNG and whose time part from the clock. */
export const generateId = (env: Environment): string => {
  const bytes = env.randomBytes(16);
  let index = 0;
  // ulid asks for one number in [0, 1) per character; a byte / 256 keeps each of the 32 symbols equally likely.
  return ulid(env.now().getTime(), () => (bytes[index++ % bytes.length] ?? 0) / 256);
};

/** "tpat_Xk3…9fQ2": enough to tell tokens apart on screen without showing them. */
export const shortenCredential = (value: string): string => {
  const prefixEnd = value.indexOf('_') + 1;
  if (value.length <= prefixEnd + 7) return value;
  return `${value.slice(0, prefixEnd + 3)}…${value.slice(-4)}`;
};
