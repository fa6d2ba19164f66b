import { METHOD_LABELS, METHODS, OFFICER_PLACEHOLDER } from '@scam/shared';
import type { AppealDraft, AppealFigures, Method } from '@scam/shared';
import { daysBetween, formatDay, parseDay } from './dates.js';
import type { Day } from './dates.js';
import { locateDisclosures, segmentsOf } from './editor.js';
import { countOutcomes, rankChannels, rankImpersonated, rankValues, summariseAges, summariseAreas } from './figures.js';
import type { AreaSummary, OutcomeCounts } from './figures.js';
import { describeRule, dominatedBy, lossMagnitudeWords } from './dominance.js';
import { lostMoney } from './lost-money.js';
import { askFor, METHOD_WORDING, organisationFor } from './method-wording.js';
import { formatMoneyRoundedDown } from './money.js';
import type { AppealIncident, DraftInput } from './types.js';
import { capitalise, countAtSentenceStart, countInProse, joinWith, plural } from './words.js';

/** A period that ended longer ago than this is told as "between … and …", not "since …". */
const STALE_AFTER_DAYS = 28;
/** "over the past few weeks" only while the period started no longer ago than this. */
const RECENT_DAYS = 42;
/** At most this many other ways of paying are listed after the main one. */
const MAX_OTHER_ASKS = 3;

type Warning = AppealDraft['warnings'][number];

/**
 * Drafts a press appeal in the voice of the force's releases. Only aggregates reach the text: counts,
 * busiest areas with at least three reports, rounded-down loss, age bands and the method. References,
 * summaries, raw towns, postcodes, exact ages and caller numbers are never read for wording. The final
 * text is then checked again with the disclosure checks, and anything it finds becomes a warning.
 *
 * Throws RangeError when there is nothing to draft from or a date is not a real `YYYY-MM-DD` day.
 */
export function draftAppeal(input: DraftInput): AppealDraft {
  if (input.incidents.length === 0) throw new RangeError('an appeal needs at least one incident');
  input.incidents.forEach((incident, index) => parseDay(incident.offenceDate, `incident ${index + 1}'s offence date`));
  const warnings: Warning[] = [];

  const dates = input.incidents.map((i) => i.offenceDate).sort();
  const sinceIso = input.since ?? dates[0]!;
  const untilIso = input.until ?? dates[dates.length - 1]!;
  const since = parseDay(sinceIso, 'since');
  const until = parseDay(untilIso, 'until');
  const today = input.today === undefined ? null : parseDay(input.today, 'today');
  if (sinceIso > untilIso) throw new RangeError(`since (${sinceIso}) is after until (${untilIso})`);

  const incidents = input.incidents.filter((i) => i.offenceDate >= sinceIso && i.offenceDate <= untilIso);
  if (incidents.length === 0) throw new RangeError(`no incidents fall between ${sinceIso} and ${untilIso}`);
  if (incidents.length < input.incidents.length) {
    const left = input.incidents.length - incidents.length;
    warnings.push({
      code: 'outside_period',
      message: `${left} of the ${input.incidents.length} incidents fall outside ${sinceIso} to ${untilIso} and are not counted.`,
    });
  }

  const method =
    input.method ??
    rankValues(
      incidents.map((i) => i.method),
      METHODS,
    )[0]!.value;
  const ofMethod = incidents.filter((i) => i.method === method);
  if (ofMethod.length < incidents.length) {
    warnings.push({
      code: 'mixed_methods',
      message: `${incidents.length - ofMethod.length} of the ${incidents.length} reports are not ${METHOD_LABELS[method].toLowerCase()}, but the appeal describes ${METHOD_LABELS[method].toLowerCase()} throughout.`,
    });
  }
  // The story (who calls, what they ask for) comes from the method's own incidents where there are any.
  const storyIncidents = ofMethod.length > 0 ? ofMethod : incidents;

  const areas = summariseAreas(incidents, input.areaLevel ?? 'district');
  if (areas.withheld > 0) {
    warnings.push({
      code: 'area_withheld',
      message: `${areas.withheld} area ${plural(areas.withheld, 'name', 'names')} looked like an address, postcode, reference or person and ${plural(areas.withheld, 'was', 'were')} counted under "other parts of the county" instead.`,
    });
  }
  const outcomes = countOutcomes(incidents);
  const lossPence = incidents.filter(lostMoney).reduce((sum, i) => sum + i.lossPence, 0);
  const ages = summariseAges(incidents);

  const wording = METHOD_WORDING[method];
  const reports = incidents.length;
  // A figure for a total that one or two losses dominate tells those victims what the others lost (and
  // them what the victims lost): the drafter gives its order of magnitude instead. A single loss is the
  // single-victim warning's concern and keeps its figure, as the inspector decides how to say it.
  const dominance = outcomes.lost >= 2 ? dominatedBy(incidents.filter(lostMoney).map((i) => i.lossPence)) : null;
  const money = dominance ? lossMagnitudeWords(lossPence) : formatMoneyRoundedDown(lossPence);
  if (dominance) {
    warnings.push({
      code: 'loss_dominance',
      message: `The total lost is given as "${money}", not as a figure: ${describeRule(dominance, 'the total')}, so a figure would let anyone who knows one of those losses work out roughly what the others lost.`,
    });
  }
  const period = describePeriod(since, until, today);

  const title = reports >= 3 ? `Advice issued following ${wording.seriesNoun} series` : `Warning issued about ${wording.callsNoun}`;

  const highlights = [
    `Police ${period.stale ? 'received' : 'have received'} ${countInProse(reports)} ${plural(reports, 'report', 'reports')} ${period.inline}.`,
    ...areaHighlight(areas, reports),
    lossHighlight(outcomes.lost, money),
    wording.neverHeadline,
  ];

  const paragraphs = [
    leadParagraph(input.forceArea ?? 'Hertfordshire', wording.callsNoun, reports, outcomes.lost, money),
    countParagraph(period, reports, areas),
    methodParagraph(method, storyIncidents),
    [outcomeSentence(outcomes, reports), ages.sentence].filter((s) => s !== null).join(' '),
    ...quoteParagraphs(method, storyIncidents, reports, outcomes, lossPence, ages.mostlyElderly, period.quote),
    'If you think you may have been contacted in similar circumstances, please report it to police on the non-emergency number 101 or to Action Fraud on 0300 123 2040. If a crime is in progress, call 999 immediately.',
    'Before calling anyone to check who a caller is, hang up and wait at least five minutes, or use a different phone. Fraudsters can hold the line open, so you may think you have called your bank or the police when you are still talking to them.',
  ];
  const body = paragraphs.join('\n\n');

  const figures: AppealFigures = {
    reports,
    since: sinceIso,
    until: untilIso,
    lossPence,
    victimsLost: outcomes.lost,
    // As the text says them: those who recognised the scam and ended the call, and those a bank or
    // the police stopped in time; with the losses they add up to the reports.
    recognised: outcomes.attempted,
    prevented: outcomes.prevented,
    areas: areas.named,
    otherAreasReports: areas.otherReports,
    ageProfile: ages.profile,
    method,
  };

  const findings = locateDisclosures(segmentsOf({ title, highlights, body, reference: '', notesToEditors: '' }), incidents).map(
    ({ code, message }) => ({ code, message }),
  );
  return { title, highlights, body, figures, warnings: dedupe([...warnings, ...findings]) };
}

interface Period {
  /** "since 1 April", "between 1 April and 29 April 2019". */
  inline: string;
  /** The same at the start of a sentence. */
  opening: string;
  /** The period ended a while ago, so verbs go in the past tense. */
  stale: boolean;
  /** How the detective refers to the period, when it is recent enough to say. */
  quote: string | null;
}

function describePeriod(since: Day, until: Day, today: Day | null): Period {
  // Without `today` we cannot know the appeal goes out in the same year, so the year is given.
  const withYear = today === null || since.year !== until.year || since.year !== today.year;
  const from = formatDay(since, withYear);
  const stale = today !== null && daysBetween(until, today) > STALE_AFTER_DAYS;
  const sameMonth = since.year === until.year && since.month === until.month;
  // "between 1 and 29 April", not "between 1 April and 29 April".
  const start = sameMonth ? String(since.day) : from;
  const inline = stale ? `between ${start} and ${formatDay(until, withYear)}` : `since ${from}`;
  let quote: string | null = null;
  if (today !== null && !stale) {
    const thisMonth = (d: Day): boolean => d.year === today.year && d.month === today.month;
    if (thisMonth(since) && thisMonth(until)) quote = 'this month';
    else if (daysBetween(since, today) <= RECENT_DAYS) quote = 'over the past few weeks';
  }
  return { inline, opening: capitalise(inline), stale, quote };
}

function areaList(areas: AreaSummary): string {
  return `the ${joinWith(areas.named.map((a) => a.name))} ${plural(areas.named.length, 'area', 'areas')}`;
}

function isMainly(areas: AreaSummary, reports: number): boolean {
  return areas.otherReports * 2 < reports;
}

function areaHighlight(areas: AreaSummary, reports: number): string[] {
  if (areas.named.length === 0) return [];
  return isMainly(areas, reports)
    ? [`Most reports have come from ${areaList(areas)}.`]
    : [`Reports have come from ${areaList(areas)} and other parts of the county.`];
}

function lossHighlight(lost: number, money: string): string {
  if (lost === 0) return 'No money has been lost.';
  if (lost === 1) return `${capitalise(money)} has been lost.`;
  return `Victims have been conned out of ${money}.`;
}

function leadParagraph(forceArea: string, callsNoun: string, reports: number, lost: number, money: string): string {
  const calls = reports >= 3 ? `a series of ${callsNoun}` : callsNoun;
  const loss =
    lost >= 2
      ? ` which have seen victims lose ${money}`
      : lost === 1
        ? ' in which money has been lost'
        : ' in which no money has been lost';
  return `Police are issuing advice to ${forceArea} residents following ${calls}${loss}.`;
}

function countParagraph(period: Period, reports: number, areas: AreaSummary): string {
  const received = `${period.opening}, police ${period.stale ? 'received' : 'have received'} ${countInProse(reports)} ${plural(reports, 'report', 'reports')}`;
  if (areas.named.length === 0) {
    return reports >= 3 ? `${received} from people living across the county.` : `${received}.`;
  }
  if (!isMainly(areas, reports)) {
    return `${received} from people living in ${areaList(areas)} and other parts of the county.`;
  }
  const main = `${received}, mainly from people living in ${areaList(areas)} of the county.`;
  if (areas.otherReports === 0) return main;
  if (areas.otherReports === 1) return `${main} The other report came from elsewhere in the county.`;
  return `${main} The other ${countInProse(areas.otherReports)} came from other parts of the county.`;
}

function methodParagraph(method: Method, incidents: readonly AppealIncident[]): string {
  const wording = METHOD_WORDING[method];
  const impersonated = rankImpersonated(incidents);
  const primary = impersonated[0];
  const secondary = impersonated[1];
  const primaryOrg = organisationFor(primary?.value ?? 'unknown', method);
  const secondaryOrg = secondary ? organisationFor(secondary.value, method) : null;
  const organisation = secondaryOrg && secondaryOrg !== primaryOrg ? `${primaryOrg} (or sometimes ${secondaryOrg})` : primaryOrg;

  const known = impersonated.reduce((sum, i) => sum + i.count, 0);
  const share = primary && known > 0 ? primary.count / known : 1;
  const quantifier =
    share === 1
      ? 'Victims'
      : share >= 0.8
        ? 'In the vast majority of cases, victims'
        : share >= 0.5
          ? 'In most cases, victims'
          : 'In many cases, victims';
  const sentences = [`${quantifier} have been contacted by ${wording.contact(organisation)}.`];

  const channels = rankChannels(incidents);
  const main = channels[0]?.value ?? wording.defaultChannel;
  sentences.push(`The caller then asks the victim ${wording.pretext(primary?.value ?? 'unknown')} ${askFor(method, main).gerund}.`);
  const others = channels.slice(1, 1 + MAX_OTHER_ASKS).map((c) => askFor(method, c.value).infinitive);
  if (others.length > 0) sentences.push(`In some cases, victims have also been asked to ${joinWith(others, 'or')}.`);

  if (wording.lineHeldOpen) {
    sentences.push(
      'The fraudsters may suggest the victim calls 999, 101 or their bank to check the story. In reality, the line is being held open and the victim is simply connected to another fraudster.',
    );
  }
  return sentences.join(' ');
}

function outcomeSentence(o: OutcomeCounts, reports: number): string {
  if (o.lost === 0) {
    if (o.prevented === 0) return 'No money was lost: in every case, the person recognised the scam and ended the call.';
    if (o.attempted === 0) return 'No money was lost: in every case, bank staff or police stepped in before any money changed hands.';
    return `No money was lost. In ${countInProse(o.attempted)} ${plural(o.attempted, 'case', 'cases')} the person recognised the scam and ended the call, and in the other ${countInProse(o.prevented)}, bank staff or police stepped in before any money changed hands.`;
  }
  const lost = `${countAtSentenceStart(o.lost)} ${plural(o.lost, 'person', 'people')} lost money`;
  if (o.attempted === 0 && o.prevented === 0) {
    return reports === 1
      ? 'The person who reported the call lost money.'
      : `All ${countInProse(reports)} people who reported the calls lost money.`;
  }
  const recognised = `the other ${countInProse(o.attempted)} recognised the scam and ended the call`;
  const stopped = `bank staff or police stepped in before any money changed hands`;
  if (o.prevented === 0) return `${lost}; ${recognised}.`;
  if (o.attempted === 0) return `${lost}; in the other ${countInProse(o.prevented)} ${plural(o.prevented, 'case', 'cases')}, ${stopped}.`;
  return `${lost}; in ${countInProse(o.prevented)} more ${plural(o.prevented, 'case', 'cases')}, ${stopped}, and ${recognised}.`;
}

function quoteParagraphs(
  method: Method,
  incidents: readonly AppealIncident[],
  reports: number,
  o: OutcomeCounts,
  lossPence: number,
  mostlyElderly: boolean,
  period: string | null,
): string[] {
  const opening: string[] = [];
  if (period !== null && reports >= 3) {
    opening.push(`We have seen ${countInProse(reports)} people targeted by this type of scam ${period}.`);
  }
  const kept = reports - o.lost;
  const howMuch = lossPence >= 1_000_00 ? 'lose a lot of money' : 'lose money';
  const who = mostlyElderly ? 'people, particularly those who are elderly or vulnerable,' : 'people';
  if (o.lost === 0) {
    opening.push(
      'Thankfully, everyone who reported these calls realised something was wrong or was stopped in time. However, these fraudsters are very persuasive and will keep trying.',
    );
  } else if (kept >= o.lost) {
    opening.push(
      `Thankfully, many people recognise these scams for what they are and refuse to part with any money. However, there are occasions when ${who} fall prey to the highly persuasive nature of these fraudsters and ${howMuch}.`,
    );
  } else if (reports >= 3) {
    opening.push(`These fraudsters are highly persuasive, and most of the people they have called have gone on to ${howMuch}.`);
  } else {
    opening.push(`These fraudsters are highly persuasive, and people do ${howMuch} to them.`);
  }

  const advice = [METHOD_WORDING[method].advice];
  const channels = new Set(incidents.map((i) => i.channel));
  if (method === 'courier' && (channels.has('goods') || channels.has('foreign_currency'))) {
    advice.push('Similarly, they would never ask you to buy foreign currency or high-value goods.');
  }
  advice.push(
    'If you are suspicious of a call, please hang up and report it. Please also share this advice with older or more vulnerable relatives, friends and neighbours.',
  );
  // UK quotation style: each paragraph of a quote opens with a mark; only the last one closes.
  // The press office names the officer quoted; the inspector fills the placeholder before export.
  return [`${OFFICER_PLACEHOLDER} of the Serious Fraud and Cyber Unit said: "${opening.join(' ')}`, `"${advice.join(' ')}"`];
}

function dedupe(warnings: Warning[]): Warning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.code}\u0000${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
