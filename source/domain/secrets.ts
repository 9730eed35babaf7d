/** Comparing what a third party presents with what is stored, in constant time. */
import {createHash, timingSafeEqual} from 'node:crypto';

/**
 * True when both strings are equal. Both are hashed first so that the comparison takes the same
 * time whatever the lengths and wherever the first difference is (timingSafeEqual needs equal
 * lengths, and a length check of its own would leak the length).
 */
export const constantTimeEquals = (presented: string, stored: string): boolean =>
  timingSafeEqual(createHash('sha256').update(presented).digest(), createHash('sha256').update(stored).digest());
