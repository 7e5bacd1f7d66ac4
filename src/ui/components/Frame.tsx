// The frame of every question screen: a header (screen, step, deployment), a body of fixed height
// (clipped, so the frame never grows to the terminal's height: ink 6 would clear the screen), a
// message line and the key hints.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { KeyHints, type Hint } from './KeyHints.js';
import { fit } from './wrap.js';

/** Rows the frame itself takes besides the body (header, message, hints, one spare row). */
export const FRAME_ROWS = 4;

/** Props of the frame. */
export interface FrameProps {
  /** Screen title, e.g. "Roles". */
  title: string;
  /** "3/8" or null. */
  step: string | null;
  /** Right side of the header: deployment name and release. */
  right: string;
  width: number;
  /** Rows of the body. */
  height: number;
  message: { text: string; tone: 'info' | 'warn' | 'error' } | null;
  hints: readonly Hint[];
  children: ReactNode;
}

/** The frame around a screen's body. */
export function Frame({ title, step, right, width, height, message, hints, children }: FrameProps) {
  const left = ` osism-installer · ${title}${step ? ` (${step})` : ''}`;
  const header =
    left.length + right.length + 2 <= width ? `${left}${' '.repeat(width - left.length - right.length - 1)}${right} ` : fit(left, width);
  const tone = message?.tone === 'error' ? 'red' : message?.tone === 'warn' ? 'yellow' : 'cyan';
  return (
    <Box flexDirection="column" width={width}>
      <Text inverse bold wrap="truncate-end">
        {header}
      </Text>
      <Box flexDirection="column" height={height} overflow="hidden">
        {children}
      </Box>
      <Text color={tone} wrap="truncate-end">
        {message ? `${message.tone === 'error' ? '✗ ' : message.tone === 'warn' ? '! ' : ''}${message.text}` : ' '}
      </Text>
      <KeyHints hints={hints} width={width} />
    </Box>
  );
}
