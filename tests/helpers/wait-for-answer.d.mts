import type { ChildProcess } from 'node:child_process';

export declare function waitForAnswer(url: string, child: ChildProcess, timeoutMs: number): Promise<void>;
