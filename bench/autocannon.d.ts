// autocannon 9 ships no types; this declares the part of its API the benchmark calls.
declare module 'autocannon' {
  interface AutocannonOptions {
    url: string;
    method?: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    body?: string;
  }
  interface AutocannonResult {
    requests: { average: number; total: number };
    non2xx: number;
    errors: number;
  }
  function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
  export default autocannon;
}
