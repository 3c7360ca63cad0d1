/**
 * CRX3: the signed package Chrome and Edge install from a self-hosted update URL.
 *
 * Layout (components/crx_file/crx3.proto in Chromium):
 *   "Cr24" | uint32le 3 | uint32le N | N bytes CrxFileHeader | the ZIP archive
 *   CrxFileHeader      { repeated AsymmetricKeyProof sha256_with_rsa = 2; bytes signed_header_data = 10000; }
 *   AsymmetricKeyProof { bytes public_key = 1 (DER SubjectPublicKeyInfo); bytes signature = 2; }
 *   SignedData         { bytes crx_id = 1 (the first 16 bytes of SHA-256 of public_key); }
 * The signature is RSASSA-PKCS1-v1_5 with SHA-256 (crx_verifier.cc verifies with
 * RSA_PKCS1_SHA256) over
 *   "CRX3 SignedData\0" | uint32le len(signed_header_data) | signed_header_data | archive.
 * The verifier requires a proof whose key hashes to crx_id, and that key becomes the
 * extension's id and its manifest `key` (SandboxedUnpacker::RewriteManifestFile overwrites
 * whatever `key` the zip's manifest.json holds).
 */
import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';

const MAGIC = Buffer.from('Cr24', 'ascii');
const SIGNATURE_CONTEXT = Buffer.from('CRX3 SignedData\0', 'utf8');
const MIN_RSA_BITS = 2048;

export interface CrxSigningKey {
  privateKey: KeyObject;
  /** DER SubjectPublicKeyInfo: what goes into the CRX header and, base64, the manifest `key`. */
  publicKeyDer: Buffer;
  /** The 32-letter extension id this key gives. */
  id: string;
}

/** Parses a PEM RSA private key (PKCS#1 or PKCS#8, as `openssl genrsa` writes) for CRX signing. */
export function loadCrxKey(pem: string): CrxSigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/passphrase|encrypted/i.test(msg) || /ENCRYPTED/.test(pem)) {
      throw new Error('the key is protected by a passphrase; write an unencrypted copy for the signing step (openssl rsa -in KEY -out PLAIN.pem) and keep it off shared disks');
    }
    throw new Error(`not a PEM private key (${msg})`);
  }
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw new Error(`the key is ${privateKey.asymmetricKeyType ?? 'of an unknown type'}; a CRX developer key must be RSA (openssl genrsa -out KEY.pem 2048)`);
  }
  const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) throw new Error(`the RSA key has ${bits} bits; use at least ${MIN_RSA_BITS}`);
  const publicKeyDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return { privateKey, publicKeyDer, id: extensionIdFromPublicKey(publicKeyDer) };
}

/** The first 16 bytes of SHA-256 of the DER public key: the binary crx_id. */
export function crxIdBytes(publicKeyDer: Buffer): Buffer {
  return createHash('sha256').update(publicKeyDer).digest().subarray(0, 16);
}

/** The extension id: crx_id in hexadecimal, written with the letters a–p for 0–f. */
export function extensionIdFromPublicKey(publicKeyDer: Buffer): string {
  return [...crxIdBytes(publicKeyDer).toString('hex')].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** Protocol-buffer base-128 varint. */
function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
}

/** A length-delimited protobuf field (wire type 2). */
function bytesField(field: number, value: Buffer): Buffer {
  return Buffer.concat([varint(field * 8 + 2), varint(value.length), value]);
}

function uint32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n, 0);
  return b;
}

/** Wraps a ZIP archive in a CRX3 signed with the key. */
export function writeCrx3(zip: Buffer, key: CrxSigningKey): Buffer {
  const signedHeaderData = bytesField(1, crxIdBytes(key.publicKeyDer));
  const signature = sign(
    'sha256',
    Buffer.concat([SIGNATURE_CONTEXT, uint32le(signedHeaderData.length), signedHeaderData, zip]),
    key.privateKey, // RSA keys sign with PKCS#1 v1.5 padding by default
  );
  const proof = Buffer.concat([bytesField(1, key.publicKeyDer), bytesField(2, signature)]);
  const header = Buffer.concat([bytesField(2, proof), bytesField(10000, signedHeaderData)]);
  return Buffer.concat([MAGIC, uint32le(3), uint32le(header.length), header, zip]);
}
