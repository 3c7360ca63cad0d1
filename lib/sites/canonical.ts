/** Every platform's canonicaliser, for code that handles any platform (the list builder). */
import type { Canonicalizer } from '../accounts/canonical';
import type { PlatformId } from '../model';
import { canonicalInstagram } from './instagram/urls';
import { canonicalThreads } from './threads/urls';
import { canonicalTiktok } from './tiktok/urls';
import { canonicalYoutube } from './youtube/urls';
import { SITES } from './registry';

/** Guarded sites bring their own (the registry); the rest are accepted in lists ahead of their adapters. */
export const CANONICALIZERS: Record<PlatformId, Canonicalizer> = {
  instagram: canonicalInstagram,
  tiktok: canonicalTiktok,
  youtube: canonicalYoutube,
  threads: canonicalThreads,
  ...(Object.fromEntries(SITES.map((s) => [s.platform, s.canonicalize])) as Record<'x' | 'facebook', Canonicalizer>),
};
