// One shared clock for every spinner, elapsed time and the deploy dashboard's redraw: a single
// interval while something is running, none when idle (no timers per spinner).
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

/** Milliseconds between ticks (8 frames a second is plenty for spinners and counters). */
export const TICK_MS = 125;

const ClockContext = createContext(0);

/** Provides the tick count to the tree; ticks only while `active`. */
export function ClockProvider({ active, children, intervalMs = TICK_MS }: { active: boolean; children: ReactNode; intervalMs?: number }) {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((t) => t + 1), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return <ClockContext.Provider value={tick}>{children}</ClockContext.Provider>;
}

/** The current tick (re-renders the caller on every tick while the clock runs). */
export function useClock(): number {
  return useContext(ClockContext);
}
