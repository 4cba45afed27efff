import type { NextConfig } from 'next';

export declare const runtimeConfig: NextConfig;
