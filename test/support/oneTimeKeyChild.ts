// Child process for the concurrency test: one window asking for the Instance Connect one-time key.
import { ensureOneTimeKey } from '../../src/core/keys/oneTimeKey';

ensureOneTimeKey(process.argv[2]).then(
  (key) => process.stdout.write(key.publicKey),
  (error: Error) => {
    process.stderr.write(error.message);
    process.exit(1);
  },
);
