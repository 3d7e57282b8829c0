/**
 * The county a page works on. A county bureau works on its own; a city picks one of its counties, the
 * region a city and then a county. The choice is kept while the console is open, so 站点管理, 人员与派驻
 * and the posters open on the county last picked.
 */
import { View } from '@tarojs/components';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { CONSOLE_ROUTES } from '@plsr/shared/contract';
import type { RegionRef, RegistryList } from '@plsr/shared/schemas';
import { FieldError } from '../../components/FieldError';
import { ChoiceRow } from './Choice';
import { Section } from './Section';
import { messageOf } from '../../lib/errors';
import { bureauCall, bureauSession } from '../lib/session';
import { DoneNotice } from './DoneNotice';

type Place = Pick<RegionRef, 'code' | 'name'>;
let lastCounty: Place | undefined;

export function useCounty(): { county: Place | undefined; picker: ReactNode } {
  const home = bureauSession()?.user.region;
  const own = home && home.code.length === 6 ? home : undefined;
  const kept = lastCounty && home && lastCounty.code.startsWith(home.code) ? lastCounty : undefined;
  const [county, setCounty] = useState<Place | undefined>(own ?? kept);
  const [city, setCity] = useState(home?.code.length === 4 ? home.code : (kept?.code.slice(0, 4) ?? ''));
  const [cities, setCities] = useState<RegionRef[]>([]);
  const [loaded, setLoaded] = useState<{ city: string; counties: RegionRef[] }>({ city: '', counties: [] });
  const counties = loaded.city === city ? loaded.counties : [];

  useEffect(() => {
    if (home?.code.length === 2) void bureauCall(CONSOLE_ROUTES.regions, { query: { parent: home.code } }).then((r) => setCities(r.children));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once: the session does not change on a page
  }, []);
  useEffect(() => {
    if (own || !city) return;
    void bureauCall(CONSOLE_ROUTES.regions, { query: { parent: city } }).then((r) =>
      setLoaded({ city, counties: r.children.filter((c) => c.level === 'county') }),
    );
  }, [city, own]);

  const pick = (code: string) => {
    const chosen = counties.find((c) => c.code === code);
    if (!chosen) return;
    lastCounty = { code: chosen.code, name: chosen.name };
    setCounty(lastCounty);
  };
  const picker = own ? null : (
    <View>
      {home?.code.length === 2 ? (
        <ChoiceRow
          label="市"
          options={cities.map((c) => ({ value: c.code, text: c.name }))}
          value={city}
          onChange={(code) => {
            setCity(code);
            setCounty(undefined);
          }}
        />
      ) : null}
      {city ? <ChoiceRow label="县(区)" options={counties.map((c) => ({ value: c.code, text: c.name }))} value={county?.code ?? ''} onChange={pick} /> : null}
    </View>
  );
  return { county, picker };
}

/**
 * The county picked and its stations, staff and postings (GET /api/registry), for 站点管理 and
 * 人员与派驻. `data` is only ever the picked county's: another county's list never shows while one loads.
 */
export function useRegistry() {
  const { county, picker } = useCounty();
  const [loaded, setLoaded] = useState<RegistryList>();
  const [error, setError] = useState<string>();
  const load = useCallback(
    (code: string): Promise<RegistryList | undefined> =>
      bureauCall(CONSOLE_ROUTES.registry, { query: { county: code } }).then(
        (r) => {
          setLoaded(r);
          return r;
        },
        (e: unknown) => {
          setError(messageOf(e, '加载失败,请稍后重试'));
          return undefined;
        },
      ),
    [],
  );
  useEffect(() => {
    if (county) void load(county.code);
  }, [county, load]);
  const data = loaded && loaded.county.code === county?.code ? loaded : undefined;
  const reload = () => (county ? load(county.code) : Promise.resolve(undefined));
  return { county, picker, data, reload, error };
}

/** Above a county page's content: the picker (city and region bureaus), what was just done, what failed. */
export function CountyPageTop({ picker, done, error }: { picker: ReactNode; done?: string; error?: string }) {
  return (
    <View>
      {picker ? <Section title="选择县(区)">{picker}</Section> : null}
      <DoneNotice message={done} />
      <FieldError message={error} />
    </View>
  );
}
