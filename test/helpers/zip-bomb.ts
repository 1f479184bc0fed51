import { crc32, deflateRawSync, constants as zlib } from 'node:zlib';

/**
 * A real zip bomb dressed as a workbook: a few megabytes that inflate to `inflatedBytes` of
 * worksheet XML. The same deflated block (1 MiB of rows, compressed alone, flushed so that
 * blocks may follow) is repeated; the CRC is the real one of the inflated bytes.
 */
export function xlsxZipBomb(
  inflatedBytes = 2 * 1024 ** 3,
  options: {
    /** The size its directory and headers declare for the sheet (a lying directory), if not the true one. */
    declaredBytes?: number;
    /** One single cell of text instead of many rows (what no parser can hold as a string). */
    oneCell?: boolean;
  } = {},
): Buffer {
  const row = '<row><c t="inlineStr"><is><t>bombe</t></is></c></row>';
  const chunk = options.oneCell
    ? Buffer.alloc(1024 ** 2, 'a')
    : Buffer.from(row.repeat(Math.floor(1024 ** 2 / row.length)));
  const repeats = Math.floor(inflatedBytes / chunk.length);
  const head = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${options.oneCell ? '<row><c t="inlineStr"><is><t>' : ''}`,
  );
  const tail = Buffer.from(`${options.oneCell ? '</t></is></c></row>' : ''}</sheetData></worksheet>`);
  const block = deflateRawSync(chunk, { level: 9, finishFlush: zlib.Z_SYNC_FLUSH });
  const parts = [
    deflateRawSync(head, { finishFlush: zlib.Z_SYNC_FLUSH }),
    ...Array.from({ length: repeats }, () => block),
    deflateRawSync(tail),
  ];
  let crc = crc32(head);
  for (let i = 0; i < repeats; i++) crc = crc32(chunk, crc);
  crc = crc32(tail, crc);
  const sheet = {
    name: 'xl/worksheets/sheet1.xml',
    data: Buffer.concat(parts),
    size: options.declaredBytes ?? head.length + chunk.length * repeats + tail.length,
    crc,
  };
  const small = (name: string, text: string) => {
    const data = Buffer.from(text);
    return { name, data: deflateRawSync(data), size: data.length, crc: crc32(data) };
  };
  return zip([
    small(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    small(
      'xl/workbook.xml',
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    sheet,
  ]);
}

/** A ZIP archive of deflated entries (local headers, central directory, end record). */
function zip(entries: { name: string; data: Buffer; size: number; crc: number }[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, entry.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);
    offset += 30 + name.length + entry.data.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directoryBytes, end]);
}
