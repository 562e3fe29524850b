/**
 * A self-signed P-256 certificate for 127.0.0.1, so that the measured process verifies the
 * response server's certificate as it would verify S3's (`NODE_EXTRA_CA_CERTS`). Needs openssl.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Paths of the certificate and its key. */
type CertFiles = { readonly cert: string; readonly key: string };

/**
 * Creates `cert.pem` and `key.pem` in `folder` unless they exist.
 * @example
 * const { cert, key } = ensureCert('.crkit/bench');
 */
function ensureCert(folder: string): CertFiles {
  const files = { cert: join(folder, 'cert.pem'), key: join(folder, 'key.pem') };
  if (existsSync(files.cert) && existsSync(files.key)) return files;
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '30',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        files.key,
        '-out',
        files.cert,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (error) {
    throw new Error(
      `openssl could not create the bench certificate (is openssl installed?): ${String(error)}`,
    );
  }
  return files;
}

export { ensureCert };
export type { CertFiles };
