/** 行政区划 for the console's pickers: a region of the jurisdiction and the regions directly under it. */
import type { RegionChildren } from '@plsr/shared/schemas';
import type { Handlers } from '../http/router';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';
import { findChildRegions, findRegions } from '../stations/repository';

export async function regionChildren(deps: Pick<AppDeps, 'db'>, parent: string): Promise<RegionChildren> {
  const [region] = await findRegions(deps.db, [parent]);
  if (!region) throw new AppError('not_found', `行政区划 ${parent} 不存在`);
  const children = await findChildRegions(deps.db, parent);
  return {
    region: { code: region.code, name: region.name, level: region.level },
    children: children.map((c) => ({ code: c.code, name: c.name, level: c.level })),
  };
}

export const regionHandlers: Pick<Handlers, 'regions'> = {
  regions: ({ deps, query }) => regionChildren(deps, query.parent),
};
