/** Every platform's canonicaliser, for code that handles any platform (the list builder). */
import type { Canonicalizer } from '../accounts/canonical';
import type { PlatformId } from '../model';
import { canonicalFacebook } from './facebook/urls';
import { canonicalInstagram } from './instagram/urls';
import { canonicalThreads } from './threads/urls';
import { canonicalTiktok } from './tiktok/urls';
import { canonicalX } from './x/urls';
import { canonicalYoutube } from './youtube/urls';

export const CANONICALIZERS: Record<PlatformId, Canonicalizer> = {
  x: canonicalX,
  facebook: canonicalFacebook,
  instagram: canonicalInstagram,
  tiktok: canonicalTiktok,
  youtube: canonicalYoutube,
  threads: canonicalThreads,
};
