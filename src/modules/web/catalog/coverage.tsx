import type { Dataset } from '../../catalog/index.js';
import type { PageContext } from '../shell/page-context.js';

/**
 * A dataset's spatial coverage: its territory by name (« Lévis (municipalité) »), and its
 * rectangle, when it has one, in degrees and on a small map (drawn by the map script; the words
 * say the same, so the map is hidden from assistive technologies and takes no focus).
 */
export function Coverage({
  ctx,
  dataset,
  place,
  tiles,
}: {
  ctx: PageContext;
  dataset: Dataset;
  place: string | null;
  tiles: { url: string; attribution: string };
}) {
  const { t } = ctx;
  const { bbox } = dataset;
  if (!bbox) return <>{place}</>;
  return (
    <>
      {place ? <span class="quai-coverage-place">{place}</span> : null}
      <span class="quai-coverage-box">{t('bbox', { ...bbox })}</span>
      <div
        class="quai-box-map"
        aria-hidden="true"
        data-box-map={JSON.stringify([bbox.west, bbox.south, bbox.east, bbox.north])}
        data-tiles={tiles.url}
        hidden
      ></div>
      <span
        class="quai-box-map-credit quai-hint"
        hidden
        dangerouslySetInnerHTML={{ __html: tiles.attribution }}
      />
    </>
  );
}

/** Whether the dataset's page shows a coverage map (and so needs the map script). */
export const hasCoverageMap = (dataset: Dataset): boolean => dataset.bbox !== null;
