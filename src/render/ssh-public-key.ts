// The OpenSSH one-line form of an RSA public key ("ssh-rsa AAAA..."), built from the modulus and
// exponent (RFC 4253 §6.6: string "ssh-rsa", mpint e, mpint n). Pure.

/** An SSH wire `string`: 4-byte big-endian length, then the bytes. */
function sshString(bytes: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, Buffer.from(bytes)]);
}

/** An SSH `mpint` from unsigned big-endian bytes: leading zeros dropped, a zero byte added when the top bit is set. */
function mpint(unsigned: Uint8Array): Buffer {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) i++;
  const body = Buffer.from(unsigned.subarray(i));
  return sshString(body[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), body]) : body);
}

/** "ssh-rsa <base64>" from the base64url modulus `n` and exponent `e` of an RSA JWK. */
export function opensshRsaPublicKey(jwk: { n: string; e: string }): string {
  const n = Buffer.from(jwk.n, 'base64url');
  const e = Buffer.from(jwk.e, 'base64url');
  const blob = Buffer.concat([sshString(Buffer.from('ssh-rsa')), mpint(e), mpint(n)]);
  return `ssh-rsa ${blob.toString('base64')}`;
}
