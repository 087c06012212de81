/**
 * Patient import that never garbles (issue 18 item 1): files as nurses' machines write them
 * (GBK from Excel on Chinese Windows, UTF-16 "Unicode text", UTF-8 with and without BOM, XLSX),
 * Chinese and English headers, unknown columns, broken quotes and duplicate phones, through the
 * API (fastify inject) into the real PostgreSQL. Files are made here with iconv-lite and exceljs.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { campaignsApi, decodeText, startScheduler, type ImportReport, type Scheduler } from '../src/index.js';
import { makeEnv, type TestEnv } from './helpers.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A CSV as Excel on Chinese Windows saves it: Chinese headers, CRLF, a date written 2025/3/1. */
const ZH_CSV = '病历号,姓名,手机号,性别,出生日期,科室,诊断,出院日期\r\nZ001,王芳,13800138000,女,1958/7/3,心内科,冠状动脉粥样硬化性心脏病,2025/3/1\r\nZ002,欧阳娜娜,+8613900139000,女,1990-01-02,骨科,股骨颈骨折,2025-03-02\r\n';

describe('patient import: encodings, headers, line numbers, warnings (real PostgreSQL)', () => {
  let env: TestEnv;
  let app: FastifyInstance;
  let scheduler: Scheduler;
  beforeAll(async () => {
    env = await makeEnv('postgres', 'import');
    scheduler = startScheduler({ pool: env.pool, connection: env.conn, reconcileIntervalMs: 0 });
    app = Fastify();
    await app.register(campaignsApi, { pool: env.pool, scheduler, prefix: '/api' } as never);
    await app.ready();
  });
  afterAll(async () => { await app.close(); await scheduler.close(); await env.close(); });
  beforeEach(async () => { await env.pool.query('DELETE FROM patients'); });

  const post = async (payload: Buffer | string, opts: { dryRun?: boolean; type?: string } = {}) => {
    const res = await app.inject({ method: 'POST', url: `/api/patients/import?dryRun=${opts.dryRun ?? false}`, headers: { 'content-type': opts.type ?? 'text/csv' }, payload });
    return { status: res.statusCode, body: res.json<ImportReport & { error?: { code: string; details: Record<string, unknown> } }>() };
  };
  const stored = async () => (await env.pool.query<{ mrn: string; name: string; department: string; diagnosis: string; discharge_date: string | null; custom_fields: Record<string, string> }>(
    "SELECT mrn, name, department, diagnosis, to_char(discharge_date, 'YYYY-MM-DD') AS discharge_date, custom_fields FROM patients ORDER BY mrn")).rows;

  it('reads a GBK CSV from Excel on Chinese Windows: names, department, diagnosis come out right (with and without charset)', async () => {
    const gbk = iconv.encode(ZH_CSV, 'gbk');
    expect(gbk.toString('utf8')).not.toContain('王芳'); // the bytes really are GBK
    const dry = await post(gbk, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ encoding: 'GB18030', rows: 2, valid: 2, invalid: 0, errors: [], warnings: [] });
    expect(dry.body.preview.map((p) => [p.row, p.mrn, p.name, p.department, p.diagnosis, p.dischargeDate])).toEqual([
      [2, 'Z001', '王芳', '心内科', '冠状动脉粥样硬化性心脏病', '2025-03-01'], [3, 'Z002', '欧阳娜娜', '骨科', '股骨颈骨折', '2025-03-02']]);
    expect(await stored()).toEqual([]);
    const real = await post(gbk, { type: 'text/csv; charset=gbk' });
    expect(real.body).toMatchObject({ imported: 2, encoding: 'GB18030' });
    expect(await stored()).toEqual([
      { mrn: 'Z001', name: '王芳', department: '心内科', diagnosis: '冠状动脉粥样硬化性心脏病', discharge_date: '2025-03-01', custom_fields: { gender: '女', birthDate: '1958-07-03' } },
      { mrn: 'Z002', name: '欧阳娜娜', department: '骨科', diagnosis: '股骨颈骨折', discharge_date: '2025-03-02', custom_fields: { gender: '女', birthDate: '1990-01-02' } },
    ]);
  });

  it('reads UTF-16 LE and BE with a BOM (Excel "Unicode text" is tab separated) and UTF-8 with and without a BOM', async () => {
    const tabbed = ZH_CSV.replace(/,/g, '\t');
    const files: [Buffer, string][] = [
      [iconv.encode(`\uFEFF${tabbed}`, 'utf-16le'), 'UTF-16LE'], [iconv.encode(`\uFEFF${ZH_CSV}`, 'utf-16be'), 'UTF-16BE'],
      [Buffer.from(`\uFEFF${ZH_CSV}`, 'utf8'), 'UTF-8'], [Buffer.from(ZH_CSV, 'utf8'), 'UTF-8'],
    ];
    for (const [buf, encoding] of files) {
      const r = await post(buf, { dryRun: true });
      expect(r.body, encoding).toMatchObject({ encoding, valid: 2, invalid: 0, errors: [], warnings: [] });
      expect(r.body.preview.map((p) => p.name)).toEqual(['王芳', '欧阳娜娜']);
    }
    const imported = await post(files[0]![0]);
    expect(imported.body.imported).toBe(2);
    expect((await stored()).map((p) => [p.name, p.department])).toEqual([['王芳', '心内科'], ['欧阳娜娜', '骨科']]);
  });

  it('refuses a file in no known encoding with a clear error, and stores nothing garbled', async () => {
    // Bytes that are neither UTF-8, UTF-16 nor GB18030/Big5/windows-1252 text.
    const junk = Buffer.concat([Buffer.from('mrn,name,phone\r\nB1,'), Buffer.from([0x81, 0x20, 0xff, 0x81, 0x7f, 0x80, 0xfe, 0x0a])]);
    const r = await post(junk);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'TZ_ERR_VALIDATION', details: { reason: 'encoding' } });
    expect(String(r.body.error!.details.problem)).toMatch(/encoding/);
    // A UTF-8 file with one broken byte: that row is refused by its line, the others import.
    const broken = Buffer.concat([Buffer.from('mrn,name,phone\nC1,张伟,13800138000\nC2,'), Buffer.from([0xe5, 0xbc]), Buffer.from(',13800138001\nC3,刘洋,13800138002\n')]);
    const b = await post(broken);
    expect(b.body).toMatchObject({ encoding: 'UTF-8', imported: 2, invalid: 1, errors: [{ row: 3, column: 'name', code: 'undecodable' }] });
    expect((await stored()).map((p) => p.name)).toEqual(['张伟', '刘洋']);
    // An old .xls workbook is named as such.
    const xls = await post(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(xls.status).toBe(400);
    expect(String(xls.body.error!.details.problem)).toMatch(/\.xls/);
  });

  it('decodes GB18030 by chardet and iconv-lite even for a short file, and keeps windows-1252 Latin text', () => {
    expect(decodeText(iconv.encode('mrn,姓名\nA,李雷', 'gbk'))).toEqual({ text: 'mrn,姓名\nA,李雷', encoding: 'GB18030' });
    expect(decodeText(iconv.encode('mrn,name,department\nA,José Müller,Cardiología\n', 'windows-1252')).text).toContain('José Müller');
    expect(decodeText(iconv.encode('mrn,name\nA,王芳\n', 'utf-16le')).encoding).toBe('UTF-16LE'); // no BOM: found by its NUL bytes
  });

  it('imports an XLSX with Chinese headers, a title row above them, and reports sheet row numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('出院患者');
    ws.addRow(['2025年3月 出院患者名单']);
    ws.addRow(['病历号', '患者姓名', '联系电话', '科室', '出院诊断', '出院日期']);
    ws.addRow(['X001', '孙丽', 13900139000, '神经内科', '脑梗死', new Date(Date.UTC(2025, 2, 1))]);
    ws.addRow(['X002', '周杰', '12345', '神经内科', '脑梗死', '2025-03-02']);
    const r = await post(Buffer.from(await wb.xlsx.writeBuffer()), { type: XLSX });
    expect(r.body).toMatchObject({ encoding: 'XLSX', rows: 2, imported: 1, invalid: 1, errors: [{ row: 4, column: 'phones', problem: 'not a valid phone number' }] });
    expect(r.body.warnings).toEqual([expect.objectContaining({ row: 1, code: 'above_header' })]);
    expect(r.body.preview.map((p) => [p.row, p.name, p.valid])).toEqual([[3, '孙丽', true], [4, '周杰', false]]);
    expect(await stored()).toEqual([{ mrn: 'X001', name: '孙丽', department: '神经内科', diagnosis: '脑梗死', discharge_date: '2025-03-01', custom_fields: {} }]);
  });

  it('maps English header forms and Chinese values (consent, do-not-call)', async () => {
    const csv = 'Medical Record Number,Patient Name,Mobile,Sex,Date of Birth,Dept,Discharge Diagnosis,Discharge Date,同意状态,勿电联\nE1,Li Lei,13800138005,M,1970-02-03,Orthopaedics,Hip fracture,2025-04-01,已同意,否\n';
    const r = await post(csv);
    expect(r.body).toMatchObject({ imported: 1, errors: [], warnings: [] });
    const row = (await env.pool.query("SELECT name, phones, consent_status, do_not_call, department, diagnosis, custom_fields FROM patients WHERE mrn = 'E1'")).rows[0];
    expect(row).toEqual({ name: 'Li Lei', phones: ['+8613800138005'], consent_status: 'granted', do_not_call: false, department: 'Orthopaedics', diagnosis: 'Hip fracture', custom_fields: { gender: 'M', birthDate: '1970-02-03' } });
  });

  it('warns about an unknown column: its values are not imported, and the report says so even after importing', async () => {
    const r = await post('病历号,姓名,手机号,身份证号,备注\nU1,陈静,13800138010,110101195807030021,\nU2,林涛,13800138011,110101195807030022,\n');
    expect(r.body).toMatchObject({ imported: 2, invalid: 0, errors: [] });
    expect(r.body.warnings).toEqual([
      expect.objectContaining({ row: 1, column: '身份证号', code: 'unknown_column', params: { n: 2 } }),
      expect.objectContaining({ row: 1, column: '备注', code: 'unknown_column', params: { n: 0 } }),
    ]);
    expect(r.body.warnings[0]!.problem).toMatch(/not imported/);
  });

  it('reports an unclosed quote by its line and still imports the rows around it', async () => {
    const csv = 'mrn,name,phone,department\nQ1,王芳,13800138020,心内科\nQ2,"李雷,13800138021,骨科\nQ3,赵敏,13800138022,"骨科"\n\nQ4,孙丽,13800138023,心内科\nQ5,周杰,13800138024,"神经\n内科"\nQ6,"吴"桐",13800138025,眼科\nQ7,郑爽,13800138026,"眼科\n';
    const r = await post(csv, { dryRun: true });
    expect(r.status).toBe(200);
    // Q2's quote swallows line 4 up to the quote there; Q6 has text after a closing quote; Q7's quote runs to the end of the file.
    expect(r.body.errors).toEqual([
      expect.objectContaining({ row: 3, code: 'unclosed_quote' }),
      expect.objectContaining({ row: 9, code: 'bad_quote' }),
      expect.objectContaining({ row: 10, code: 'unclosed_quote' }),
    ]);
    expect(r.body.errors[0]!.problem).toMatch(/unclosed quote/);
    // The rows around them are read, Q5's quoted field over two lines too.
    expect(r.body.preview.map((p) => [p.row, p.mrn, p.name])).toEqual([[2, 'Q1', '王芳'], [4, 'Q3', '赵敏'], [6, 'Q4', '孙丽'], [7, 'Q5', '周杰']]);
    expect(r.body).toMatchObject({ rows: 4, valid: 4, invalid: 3 });
    const real = await post(csv);
    expect(real.body.imported).toBe(4);
    expect((await env.pool.query("SELECT department FROM patients WHERE mrn = 'Q5'")).rows[0].department).toBe('神经\n内科');
    // A broken header line: refused as a whole, naming the line.
    const head = await post('"mrn,name,phone\nA,B,13800138000\n');
    expect(head.status).toBe(400);
    expect(head.body.error!.details).toMatchObject({ row: 1 });
  });

  it('warns when one phone is under two record numbers, in the file or against the database', async () => {
    await post('mrn,name,phone\nP1,王芳,13800138030\n');
    const r = await post('mrn,name,phone\nP2,王小芳,+86 138 0013 8030\nP3,李雷,13800138031\nP4,李雷雷,13800138031;13800138032\n', { dryRun: true });
    expect(r.body).toMatchObject({ valid: 3, invalid: 0, errors: [] });
    expect(r.body.warnings).toEqual([
      expect.objectContaining({ row: 2, column: 'phones', code: 'duplicate_phone_db', params: { mrn: 'P1' } }),
      expect.objectContaining({ row: 4, column: 'phones', code: 'duplicate_phone', params: { row: 3, mrn: 'P3' } }),
    ]);
  });

  it('never crashes on bad input: empty, header only, binary, huge lines, many broken lines', async () => {
    expect((await post('')).status).toBe(400);
    expect((await post('mrn,name,phone\n')).body).toMatchObject({ rows: 0, imported: 0 });
    expect((await post(Buffer.from([0, 1, 2, 3, 0, 0, 0, 7, 0, 0, 9]))).status).toBe(400);
    expect((await post(`mrn,name,phone\nA,${'名'.repeat(300)},13800138000\n`)).body).toMatchObject({ imported: 0, invalid: 1, errors: [{ row: 2, column: 'name' }] });
    const many = await post(`mrn,name,phone\n${'x,"y\n'.repeat(1500)}`);
    expect(many.status).toBe(400);
    expect(many.body.error!.details).toMatchObject({ row: 2 });
    expect((await post('not,a\nzip', { type: XLSX })).status).toBe(400);
  });

  it('serves the import template (CSV with a UTF-8 BOM, and XLSX) that imports back as it is', async () => {
    const csv = await app.inject({ method: 'GET', url: '/api/patients/import-template.csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.rawPayload.toString('utf8')).toBe('\uFEFF病历号,姓名,手机号,性别,出生日期,科室,诊断,出院日期,同意状态\r\n');
    const en = await app.inject({ method: 'GET', url: '/api/patients/import-template.csv?lang=en' });
    const filled = Buffer.concat([en.rawPayload, Buffer.from('T1,Wang Fang,13800138040,F,1958-07-03,Cardiology,CHD,2025-03-01,granted\r\n')]);
    expect((await post(filled)).body).toMatchObject({ imported: 1, errors: [], warnings: [] });
    const xlsx = await app.inject({ method: 'GET', url: '/api/patients/import-template.xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['患者', '说明']);
    wb.worksheets[0]!.addRow(['T2', '王芳', '13800138041', '女', '1958-07-03', '心内科', '冠心病', '2025-03-01', '已同意']);
    const back = await post(Buffer.from(await wb.xlsx.writeBuffer()), { type: XLSX });
    expect(back.body).toMatchObject({ imported: 1, errors: [], warnings: [] });
    expect((await env.pool.query("SELECT consent_status FROM patients WHERE mrn = 'T2'")).rows[0].consent_status).toBe('granted');
  });
});
