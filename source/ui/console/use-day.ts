/**
 * The local day, as a number that changes at midnight: what depends on the date (expiry marks,
 * "expires in N days") is worked out again then, so a console left open overnight is right the
 * next morning without a key being pressed.
 */
import {useEffect, useState} from 'react';
import type {Environment} from '../../domain/index.js';

const dayOf = (date: Date): number => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();

/** Milliseconds until the next local midnight (at least one, so the timer never spins). */
export const untilMidnight = (now: Date): number => {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return Math.max(1, next.getTime() - now.getTime());
};

export const useDay = (env: Environment): number => {
  const [day, setDay] = useState(() => dayOf(env.now()));
  useEffect(() => {
    const timer = setTimeout(() => setDay(dayOf(env.now())), untilMidnight(env.now()) + 50);
    // Not keeping the process alive for this: quitting must not wait for midnight.
    timer.unref?.();
    return () => clearTimeout(timer);
  }, [day, env]);
  return day;
};
