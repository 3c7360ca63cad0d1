/**
 * The demo list bundled in the extension package (public/demo-list.json, built from
 * scripts/demo/demo-list.csv: fictional accounts only), so the extension works out of the
 * box before an agency configures its own lists.
 *
 * SECURITY: DEMO_LIST_PUBLIC_KEY is trusted ONLY for the list read from the extension
 * package at DEMO_LIST_PATH, never for a fetched list. Its private key is committed in
 * scripts/demo/ for anyone to rebuild the demo, so anyone can sign with it.
 */
export const DEMO_LIST_PUBLIC_KEY = 'ed25519:5ctgMV1gLCEqJn3n73pfWFBkDK4ZBuUfp8GDYZcCXLU=';
/** The source id of the bundled demo list (where a list URL would be). */
export const DEMO_SOURCE = 'bundled:demo';

export const DEMO_LIST_PATH = '/demo-list.json';
