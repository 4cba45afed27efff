import { getAuthSecret, getConfig, getIpHashSalt } from '@/lib/config';

/** Runs once when the server starts: a missing or bad setting stops it here, with its name. */
export async function register() {
  getConfig();
  getAuthSecret();
  getIpHashSalt();
}
