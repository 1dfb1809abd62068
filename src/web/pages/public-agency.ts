// The agency of a public route's :agency, with its site profile (the header's emblem, the footer):
// null when the code is not an agency's (the route answers 404).

import type { Context } from 'hono';
import type { AgencyView } from '../../services/agencies.ts';
import { findAgencyWithSite } from '../../services/agency-site.ts';
import type { SiteProfile } from '../../services/agency-site.ts';
import type { AppEnv } from '../context.ts';

export interface PublicAgency extends AgencyView {
  site: SiteProfile;
}

const AGENCY_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export async function publicAgencyOf(c: Context<AppEnv>): Promise<PublicAgency | null> {
  const code = c.req.param('agency') ?? '';
  if (!AGENCY_CODE.test(code)) return null;
  return findAgencyWithSite(c.var.deps.db, code); // one statement
}
