import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/** One sheet of a workbook: its name, its header row, and its rows as they come. */
export interface SheetSource {
  name: string;
  header: string[];
  rows: AsyncIterable<unknown[][]>;
}

/** Excel's last row: a sheet stops there (the rest of the data is for CSV or Parquet). */
export const XLSX_MAX_ROWS = 1_048_576;

/**
 * An XLSX workbook written as its rows arrive (ExcelJS's streaming writer: rows are committed and
 * forgotten, so memory stays flat whatever the size). A failure ends the stream with its error.
 */
export function xlsxStream(sheets: Iterable<SheetSource> | AsyncIterable<SheetSource>): Readable {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: false,
    useSharedStrings: false,
  });
  (async () => {
    for await (const source of sheets) {
      const sheet = workbook.addWorksheet(source.name.slice(0, 31));
      sheet.addRow(source.header).commit();
      let written = 1;
      for await (const rows of source.rows) {
        for (const row of rows) {
          if (written >= XLSX_MAX_ROWS) break;
          sheet.addRow(row).commit();
          written++;
        }
      }
      sheet.commit();
    }
    await workbook.commit();
  })().catch((error: Error) => output.destroy(error));
  return output;
}
