// The state a jump host's refusal of a direct-tcpip channel stands for (OpenSSH's failure descriptions).
import { describe, expect, it } from 'vitest';
import { stateOfOpenFailure } from '../../../src/hosts/discover/probe-via-jump.js';

describe('stateOfOpenFailure', () => {
  it('reads what OpenSSH says about the connection it could not make', () => {
    expect(stateOfOpenFailure('Connection refused')).toBe('closed');
    expect(stateOfOpenFailure('No route to host')).toBe('unreachable');
    expect(stateOfOpenFailure('Network is unreachable')).toBe('unreachable');
    expect(stateOfOpenFailure('Connection timed out')).toBe('filtered');
    expect(stateOfOpenFailure('administratively prohibited: open failed')).toBe('error');
  });
});
