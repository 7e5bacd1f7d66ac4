// The terminal size, following resizes (ink 6 has no useWindowSize; this is the hook ink 7 ships).
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

/** Columns and rows of the output terminal; 80x24 when it does not say (pipes, test stdouts). */
export function useWindowSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = (): { columns: number; rows: number } => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = (): void => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
