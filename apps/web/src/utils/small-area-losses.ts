import type { FilterQuery } from '@scam/shared';
import { formatMoney } from './format';

/**
 * A printed loss total for an area (a district, a town) where fewer people than this lost money would be
 * those people's own losses, or tell each of two what the other lost: such totals are withheld from
 * printed pages, as the appeals withhold dominated totals and areas with fewer than three reports.
 */
export const MIN_AREA_LOSSES = 3;

/** The footnote printed under a list or map with a withheld total. */
export const WITHHELD_LOSS_NOTE =
  'Withheld where fewer than three people lost money, as the total would be their own losses (and beside a single such district, so that the total lost cannot give it away).';

/**
 * Whether an area's loss total must be withheld from print: something was lost there, by fewer than
 * MIN_AREA_LOSSES people. `losses` counts the reports with money recorded against them (a "lost" report
 * with no amount adds nothing to the total, so it does not hide anyone's share of it).
 */
export function withholdAreaLoss(lossPence: number, losses: number): boolean {
  return lossPence > 0 && losses < MIN_AREA_LOSSES;
}

/**
 * The same filters narrowed to reports with money recorded against them: an aggregate read with these
 * counts, per area, the people whose losses make up its total. A filter on a larger minimum is kept;
 * null when the filters already exclude every loss (a maximum below a penny), so no total can be withheld.
 */
export function lossesOnly(filters: FilterQuery): FilterQuery | null {
  if (filters.maxLoss !== undefined && Number(filters.maxLoss) < 0.01) return null;
  const min = filters.minLoss === undefined ? 0 : Number(filters.minLoss);
  return min > 0 ? filters : { ...filters, minLoss: '0.01' };
}

/**
 * "£12,000 lost" for an area, or, where its reports with money lost were counted (`lossReports` not
 * null) and are fewer than three, why no figure is given.
 */
export function areaLossWords(lossPence: number, lossReports: number | null): string {
  if (lossReports !== null && withholdAreaLoss(lossPence, lossReports)) return 'loss not shown: fewer than three people lost money here';
  return `${formatMoney(lossPence)} lost`;
}
