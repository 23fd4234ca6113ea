import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * n8n-core keeps a settings folder (and writes a config file into it) and needs an encryption key:
 * one throwaway folder for the whole run, out of the home directory, removed afterwards.
 */
export default function setup(): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'n8n-nodes-ringcx-home-'));
  process.env.N8N_USER_FOLDER = folder;
  process.env.N8N_ENCRYPTION_KEY = 'test-encryption-key';
  return () => rmSync(folder, { recursive: true, force: true });
}
