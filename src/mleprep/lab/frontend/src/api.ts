// Calls to mleprep's server extension (mleprep/lab/server_extension.py), with the lab's own credentials.
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

const settings = ServerConnection.makeSettings();

export class ApiError extends Error {}

export async function requestAPI<T>(path: string, init: RequestInit = {}): Promise<T> {
  const url = URLExt.join(settings.baseUrl, 'mleprep', path);
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(url, { cache: 'no-store', ...init }, settings);
  } catch (error) {
    throw new ApiError(`the lab server did not answer (${String(error)})`);
  }
  const text = await response.text();
  let data: any = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const reason = data?.message || data?.reason || response.statusText;
    throw new ApiError(`${reason} (HTTP ${response.status})`);
  }
  return data as T;
}

export function feedbackUrl(assignment: string, file = 'index.html'): string {
  return URLExt.join(settings.baseUrl, 'mleprep', 'feedback', encodeURIComponent(assignment), file);
}

export interface AttemptState {
  assignment: string;
  folder: string;
  lab_path?: string;
  deadline: string;
  remaining_s: number;
  submitted?: boolean;
}

export interface ClockState {
  now: string;
  urgent_s: number;
  attempts: AttemptState[];
  error?: string;
  source?: string;
}

export interface Job {
  id: string;
  kind: 'check' | 'submit';
  assignment: string;
  state: 'running' | 'done' | 'failed';
  progress: string;
  elapsed_s: number;
  result: any;
  error: string | null;
  log: string;
}

/** Start `mleprep check|submit` for an attempt and follow it; `onProgress` sees every poll. */
export async function runJob(
  kind: 'check' | 'submit',
  assignment: string,
  onProgress: (job: Job) => void
): Promise<Job> {
  let job = await requestAPI<Job>(`attempts/${encodeURIComponent(assignment)}/${kind}`, {
    method: 'POST',
    body: '{}'
  });
  onProgress(job);
  let misses = 0;
  while (job.state === 'running') {
    await new Promise(resolve => setTimeout(resolve, 500));
    try {
      job = await requestAPI<Job>(`jobs/${job.id}`);
      misses = 0;
    } catch (error) {
      // A busy or restarting server misses a poll now and then; the job goes on regardless.
      if (++misses >= 20) {
        throw error;
      }
      continue;
    }
    onProgress(job);
  }
  return job;
}

export function formatDuration(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  const pad = (n: number) => (n < 10 ? '0' : '') + n;
  return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}
