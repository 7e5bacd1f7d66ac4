// [user@]host[:port] as scan HOST arguments and -J jump hosts are written.
import { describe, expect, it } from 'vitest';
import { parseEndpoint } from '../../../src/hosts/endpoint.js';

describe('parseEndpoint', () => {
  it('reads user, host and port when present', () => {
    expect(parseEndpoint('10.0.0.1')).toEqual({ user: null, host: '10.0.0.1', port: null });
    expect(parseEndpoint('ubuntu@10.0.0.1:2222')).toEqual({ user: 'ubuntu', host: '10.0.0.1', port: 2222 });
    expect(parseEndpoint('root@ctl1.example.net')).toEqual({ user: 'root', host: 'ctl1.example.net', port: null });
  });

  it('reads IPv6 bare and bracketed', () => {
    expect(parseEndpoint('fd00::5')).toEqual({ user: null, host: 'fd00::5', port: null });
    expect(parseEndpoint('admin@[fd00::5]:22')).toEqual({ user: 'admin', host: 'fd00::5', port: 22 });
  });

  it('refuses what cannot be a host, user or port, naming the bad part', () => {
    expect(() => parseEndpoint('')).toThrow('empty host');
    expect(() => parseEndpoint('root@')).toThrow('is not a host name or address');
    expect(() => parseEndpoint('10.0.0.1:ssh')).toThrow('"ssh" is not a port number');
    expect(() => parseEndpoint('10.0.0.1:70000')).toThrow('port 70000 is out of range');
    expect(() => parseEndpoint('bad user@10.0.0.1')).toThrow('"bad user" is not a valid user name');
    expect(() => parseEndpoint('10.0.0.1;reboot')).toThrow('is not a host name or address');
  });
});
