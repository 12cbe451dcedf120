// The runs pages read live data from the same REST API scripts use (/api/v1/runs…), so what the
// page shows and what the API answers cannot drift apart.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }
}

export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { cache: "no-store", ...init });
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (body as { error?: { message?: string; fieldErrors?: Record<string, string[]> } } | null)?.error;
    throw new ApiError(response.status, error?.message ?? `The console answered ${response.status}.`, error?.fieldErrors);
  }
  return body as T;
}
