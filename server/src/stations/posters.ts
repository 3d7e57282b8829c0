/**
 * 评价二维码海报: one printable PDF for a county (or a township), one station per A4 or A5 page, to
 * hang on the wall where residents are served. Each page: what to do, the station's name and tier,
 * its county and township, the code (the mini-program code when WeChat is configured, else a QR of
 * PUBLIC_BASE_URL/s/<code>, drawn as vectors so it prints sharp), three lines of how to rate, and the
 * 12348 hotline. Drawn with pdfkit, the Chinese font embedded as a subset of the characters used.
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { PosterQuery } from '@plsr/shared/schemas';
import { STATION_TIER_LABELS, parseVocabulary, STATION_TIERS } from '@plsr/shared/vocabulary';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';
import { miniProgramCode, stationLink } from './service';

type PosterSize = PosterQuery['size'];

/** CJK fonts Debian installs (fonts-wqy-microhei, fonts-noto-cjk); POSTER_FONT overrides. */
const FONT_CANDIDATES = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
];

export function posterFont(configured: string | undefined): { path: string; family?: string } | null {
  if (configured) return existsSync(configured) ? { path: configured } : null;
  return FONT_CANDIDATES.find((f) => existsSync(f.path)) ?? null;
}

const HOW_TO_RATE = ['1. 用微信扫描上方二维码', '2. 选择为您服务的人员,点亮星星', '3. 点“提交评价”,十秒完成;不满意请写明原因'];
const GREEN = '#06803f';

interface PosterStation {
  code: string;
  name: string;
  tier: string;
  county: string;
  township: string | null;
}

/** The stations of a county or township (open ones; suspended ones get no new poster), by code. */
async function postersOf(deps: Pick<AppDeps, 'db'>, region: string, only?: string): Promise<{ regionName: string; stations: PosterStation[] }> {
  const r = await deps.db.region.findUnique({ where: { code: region }, select: { name: true, level: true } });
  if (!r) throw new AppError('not_found', `行政区划 ${region} 不存在`);
  if (r.level !== 'county' && r.level !== 'township') {
    throw new AppError('validation_failed', '海报按县(区)或乡镇(街道)打印', [{ path: 'region', message: '请选择一个县(区)或乡镇(街道)' }]);
  }
  const stations = await deps.db.station.findMany({
    where: {
      regionCode: { startsWith: region },
      status: 'active',
      ...(r.level === 'township' ? { townshipCode: region } : { countyCode: region }),
      ...(only ? { code: only } : {}),
    },
    select: { code: true, name: true, tier: true, countyCode: true, townshipCode: true },
    orderBy: [{ tier: 'asc' }, { code: 'asc' }],
  });
  const codes = [...new Set(stations.flatMap((s) => [s.countyCode, ...(s.townshipCode ? [s.townshipCode] : [])]))];
  const names = new Map((await deps.db.region.findMany({ where: { code: { in: codes } }, select: { code: true, name: true } })).map((x) => [x.code, x.name]));
  // County centre first, then workstations, then village rooms (the tiers' order), each by code.
  const order = (tier: string) => STATION_TIERS.indexOf(parseVocabulary(STATION_TIERS, tier, 'Station.tier'));
  return {
    regionName: r.name,
    stations: stations
      .sort((a, b) => order(a.tier) - order(b.tier) || (a.code < b.code ? -1 : 1))
      .map((s) => ({
        code: s.code,
        name: s.name,
        tier: s.tier,
        county: names.get(s.countyCode) ?? s.countyCode,
        township: s.townshipCode ? (names.get(s.townshipCode) ?? null) : null,
      })),
  };
}

/** A QR code of `text` drawn as filled squares: vectors, sharp at any print size. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  doc.save().rect(x, y, size, size).fill('#ffffff').fillColor('#000000');
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell + 0.2, cell + 0.2);
    }
  }
  doc.fill().restore();
}

/** The posters of a county's or township's open stations (or of one of them, `only`), one a page. */
export async function posterPdf(deps: AppDeps, region: string, size: PosterSize, only?: string): Promise<{ body: Buffer; filename: string; pages: number }> {
  const font = posterFont(deps.config.posterFont);
  if (!font) throw new AppError('not_configured', '服务器未安装中文字体,无法生成海报(安装 fonts-wqy-microhei 或设置 POSTER_FONT)');
  const { regionName, stations } = await postersOf(deps, region, only);
  if (stations.length === 0) throw new AppError('not_found', `${regionName}没有在用的站点`);

  const doc = new PDFDocument({ size, autoFirstPage: false, margin: 0, info: { Title: `${regionName}公共法律服务评价二维码`, Author: '公共法律服务评价' } });
  doc.registerFont('cjk', font.path, font.family);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  for (const s of stations) {
    doc.addPage({ size, margin: 0 });
    const W = doc.page.width;
    const H = doc.page.height;
    const k = W / 595.28; // 1 on A4, about 0.7 on A5
    const centred = (text: string, y: number, fontSize: number, color = '#191919') => {
      doc
        .font('cjk')
        .fontSize(fontSize * k)
        .fillColor(color)
        .text(text, 36 * k, y * k, { width: W - 72 * k, align: 'center', lineBreak: true });
    };
    doc.rect(0, 0, W, 110 * k).fill(GREEN);
    centred('公共法律服务评价', 28, 30, '#ffffff');
    centred('扫码为我们的服务打分', 70, 18, '#ffffff');
    centred(s.name, 140, s.name.length > 16 ? 22 : 28);
    centred(
      `${STATION_TIER_LABELS[parseVocabulary(STATION_TIERS, s.tier, 'Station.tier')]} · ${[s.county, s.township].filter(Boolean).join(' ')}`,
      200,
      15,
      '#595959',
    );

    const qrSize = 300 * k;
    const qrX = (W - qrSize) / 2;
    const qrY = 240 * k;
    if (deps.wechat) {
      doc.image(await miniProgramCode(deps, s.code), qrX, qrY, { fit: [qrSize, qrSize] });
    } else {
      drawQr(doc, stationLink(deps, s.code), qrX, qrY, qrSize);
    }
    centred(`站点编码 ${s.code}`, 550, 12, '#595959');
    let y = 590;
    for (const line of HOW_TO_RATE) {
      doc
        .font('cjk')
        .fontSize(16 * k)
        .fillColor('#191919')
        .text(line, 110 * k, y * k, { width: W - 180 * k });
      y += 34;
    }
    doc
      .moveTo(60 * k, 720 * k)
      .lineTo(W - 60 * k, 720 * k)
      .lineWidth(1)
      .strokeColor('#d9d9d9')
      .stroke();
    centred('对服务不满意或有投诉,请拨打公共法律服务热线 12348', 740, 14);
    centred('您的评价将计入工作站和服务人员的年度考核 · 评价匿名,不公开您的身份', 770, 11, '#595959');
    centred(`${s.county}司法局`, H / k - 40, 10, '#8c8c8c');
  }
  doc.end();
  return { body: await done, filename: `${regionName}评价二维码海报-${size}.pdf`, pages: stations.length };
}
