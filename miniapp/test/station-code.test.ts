import { serviceCodeFromParams, stationCodeFromParams } from '../src/lib/station-code';

describe('stationCodeFromParams', () => {
  it.each([
    ['a mini-program code (scene)', { scene: 'T640402100' }, 'scene'],
    ['a mini-program code with an encoded scene', { scene: encodeURIComponent('T640402100') }, 'scene'],
    ['an ordinary QR code (q = encoded poster URL)', { q: encodeURIComponent('https://pingjia.example.cn/s/T640402100') }, 'q'],
    ['an ordinary QR code whose URL carries ?code=', { q: encodeURIComponent('https://pingjia.example.cn/rate?code=T640402100') }, 'q'],
    ['a plain H5 link', { code: 'T640402100' }, 'code'],
    ['a hand-typed code in lower case', { code: 't640402100' }, 'code'],
  ])('reads %s', (_label, params, source) => {
    expect(stationCodeFromParams(params)).toEqual({ ok: true, code: 'T640402100', source });
  });

  it('decodes once: an encoded percent sign stays a percent sign, so the code is refused', () => {
    const twice = encodeURIComponent(encodeURIComponent('T640402100%'));
    expect(stationCodeFromParams({ scene: twice })).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it.each([
    ['nothing', {}, 'missing'],
    ['a scene that is not a station code', { scene: 'hello' }, 'malformed'],
    ['a q that is not our URL', { q: encodeURIComponent('https://example.com/other') }, 'malformed'],
    ['broken percent-encoding', { code: '%E4%B8' }, 'malformed'],
    ['script in the code', { code: encodeURIComponent('"><script>') }, 'malformed'],
  ])('when given %s, then it says why it cannot read a code', (_label, params, reason) => {
    expect(stationCodeFromParams(params)).toMatchObject({ ok: false, reason });
  });
});

describe('serviceCodeFromParams', () => {
  const link = (tail: string) => encodeURIComponent(`https://plsr.example.cn/s/T640402100${tail}`);
  it('reads a worker’s service code from an ordinary QR code’s link', () => {
    expect(serviceCodeFromParams({ q: link('?sc=AbcdefghijABCDEFGHIJ_-') })).toBe('AbcdefghijABCDEFGHIJ_-');
    expect(serviceCodeFromParams({ q: link('?x=1&sc=AbcdefghijABCDEFGHIJ_-&y=2') })).toBe('AbcdefghijABCDEFGHIJ_-');
  });
  it.each([
    ['a station code alone', { q: link('') }],
    ['a code one character short', { q: link('?sc=AbcdefghijABCDEFGHIJ_') }],
    ['a code one character long', { q: link('?sc=AbcdefghijABCDEFGHIJ_-x') }],
    ['a mini-program code (scene)', { scene: 'T640402100' }],
  ])('finds none in %s', (_what, params) => {
    expect(serviceCodeFromParams(params)).toBeUndefined();
  });
});
