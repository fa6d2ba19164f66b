import type { Channel, Impersonated, Method } from '@scam/shared';

/** What victims are asked to do, as "by …" (gerund) and "asked to …" (infinitive). */
export interface Ask {
  gerund: string;
  infinitive: string;
}

export interface MethodWording {
  /** "Advice issued following courier fraud series". */
  seriesNoun: string;
  /** "a series of courier fraud calls". */
  callsNoun: string;
  /** Whom the callers claim to work for when the records do not say. */
  defaultOrganisation: string;
  /** After "victims have been contacted by ": who calls and what they say. */
  contact: (organisation: string) => string;
  /** After "The caller then asks the victim ": the pretext, ending where the ask follows. */
  pretext: (primary: Impersonated) => string;
  /** The method's own phrasing of a channel, where it differs from the general one. */
  asks: Partial<Record<Channel, Ask>>;
  /** The ask used when no incident records a channel. */
  defaultChannel: Exclude<Channel, 'unknown'>;
  /** Whether the offenders' trick of holding the line open belongs in the appeal. */
  lineHeldOpen: boolean;
  /** The capitalised NEVER line used as the last headline bullet. */
  neverHeadline: string;
  /** The advice the detective stresses. */
  advice: string;
}

const ORGANISATIONS: Record<Impersonated, string | null> = {
  police: 'the police',
  bank: 'their bank',
  hmrc: 'HM Revenue and Customs (HMRC)',
  telecom: 'BT or their broadband provider',
  other: null,
  unknown: null,
};

export function organisationFor(impersonated: Impersonated, method: Method): string {
  return ORGANISATIONS[impersonated] ?? METHOD_WORDING[method].defaultOrganisation;
}

/** General phrasing per channel; methods override where their story differs. */
const GENERAL_ASKS: Record<Exclude<Channel, 'unknown'>, Ask> = {
  cash: {
    gerund: 'withdrawing cash and handing it over to a courier',
    infinitive: 'withdraw cash and hand it over to a courier',
  },
  bank_card: {
    gerund: 'handing over their bank card and PIN',
    infinitive: 'hand over their bank card and PIN',
  },
  vouchers: {
    gerund: 'buying iTunes or other gift vouchers and reading the codes out over the phone',
    infinitive: 'buy iTunes or other gift vouchers and read the codes out over the phone',
  },
  crypto: {
    gerund: 'sending money to a Bitcoin account',
    infinitive: 'send money to a Bitcoin account',
  },
  bank_transfer: {
    gerund: 'transferring money from their bank account',
    infinitive: 'transfer money from their bank account',
  },
  goods: {
    gerund: 'buying high-value goods such as designer watches',
    infinitive: 'buy high-value goods such as designer watches',
  },
  foreign_currency: {
    gerund: 'buying foreign currency',
    infinitive: 'buy foreign currency',
  },
  remote_access: {
    gerund: 'letting them access their computer remotely',
    infinitive: 'let them access their computer remotely',
  },
};

const SAFE_ACCOUNT: Ask = {
  gerund: "moving their savings to a 'safe account', which is controlled by the fraudsters",
  infinitive: "move their savings to a 'safe account', which is controlled by the fraudsters",
};

export function askFor(method: Method, channel: Exclude<Channel, 'unknown'>): Ask {
  return METHOD_WORDING[method].asks[channel] ?? GENERAL_ASKS[channel];
}

const POLICE_AND_BANKS_ADVICE =
  "Police and banks will NEVER ask you to withdraw cash, hand over your bank card or PIN, or send money to a 'safe account'.";

export const METHOD_WORDING: Record<Method, MethodWording> = {
  courier: {
    seriesNoun: 'courier fraud',
    callsNoun: 'courier fraud calls',
    defaultOrganisation: 'the police',
    contact: (org) => `someone claiming to work for ${org}, who says that their card or bank account has been used fraudulently`,
    pretext: (primary) => (primary === 'police' ? "to help with the 'police investigation' by" : "to help with the 'investigation' by"),
    asks: {
      cash: {
        gerund: 'withdrawing large sums of cash and handing it over to a courier',
        infinitive: 'withdraw large sums of cash and hand it over to a courier',
      },
      bank_card: {
        gerund: 'putting their bank cards in an envelope for a courier or taxi to collect',
        infinitive: 'hand over their bank cards to a courier or taxi driver',
      },
      bank_transfer: SAFE_ACCOUNT,
    },
    defaultChannel: 'cash',
    lineHeldOpen: true,
    neverHeadline: 'Police and banks will NEVER ask you to withdraw cash and hand it to a courier.',
    advice: POLICE_AND_BANKS_ADVICE,
  },
  bank_impersonation: {
    seriesNoun: 'bank impersonation scam',
    callsNoun: 'bank impersonation calls',
    defaultOrganisation: 'their bank',
    contact: (org) => `someone claiming to work for ${org}, who says there has been fraud on their account`,
    pretext: () => 'to protect their money by',
    asks: { bank_transfer: SAFE_ACCOUNT },
    defaultChannel: 'bank_transfer',
    lineHeldOpen: true,
    neverHeadline: "Your bank will NEVER ask you to move your money to a 'safe account'.",
    advice: POLICE_AND_BANKS_ADVICE,
  },
  hmrc: {
    seriesNoun: 'HMRC scam',
    callsNoun: 'HMRC scam calls',
    defaultOrganisation: 'HM Revenue and Customs (HMRC)',
    contact: (org) =>
      `someone claiming to work for ${org}, who says they owe unpaid tax and threatens them with arrest if they do not pay straight away`,
    pretext: () => 'to settle the bill by',
    asks: {},
    defaultChannel: 'vouchers',
    lineHeldOpen: true,
    neverHeadline: 'HMRC will NEVER ask you to pay in gift vouchers or Bitcoin.',
    advice:
      'HMRC will never ask for payment in iTunes or other gift vouchers, or in cryptocurrency such as Bitcoin, and will never threaten you with arrest over the phone.',
  },
  tech_support: {
    seriesNoun: 'computer support scam',
    callsNoun: 'computer support scam calls',
    defaultOrganisation: 'BT or their broadband provider',
    contact: (org) => `someone claiming to work for ${org}, who says there is a problem with their broadband or a virus on their computer`,
    pretext: () => 'to fix the problem by',
    asks: {
      remote_access: {
        gerund: 'letting them access their computer remotely, which the fraudsters then use to take money from their bank account',
        infinitive: 'let them access their computer remotely',
      },
    },
    defaultChannel: 'remote_access',
    lineHeldOpen: false,
    neverHeadline: 'BT will NEVER call out of the blue to fix your computer.',
    advice: 'BT will never call out of the blue to fix your computer, and no genuine company will ask you to let them access it remotely.',
  },
  investment: {
    seriesNoun: 'investment scam',
    callsNoun: 'investment scam calls',
    defaultOrganisation: 'an investment company',
    contact: (org) =>
      `someone claiming to work for ${org}, offering high returns on an investment such as cryptocurrency, shares or fine wine`,
    pretext: () => 'to invest by',
    asks: {
      bank_transfer: {
        gerund: "transferring money into the 'investment', which does not exist",
        infinitive: "transfer money into the 'investment', which does not exist",
      },
    },
    defaultChannel: 'bank_transfer',
    lineHeldOpen: false,
    neverHeadline: 'Genuine investment firms will NEVER cold call you and pressure you to invest.',
    advice:
      'Genuine investment firms will never cold call you or pressure you to decide quickly, so check that a firm is registered with the Financial Conduct Authority before handing over any money.',
  },
  romance: {
    seriesNoun: 'romance scam',
    callsNoun: 'romance scams',
    defaultOrganisation: 'a dating website',
    contact: () =>
      'someone who builds up a relationship with them online or over the phone, before saying they need money for an emergency',
    pretext: () => 'to help by',
    asks: {
      bank_transfer: {
        gerund: 'sending money by bank transfer',
        infinitive: 'send money by bank transfer',
      },
    },
    defaultChannel: 'bank_transfer',
    lineHeldOpen: false,
    neverHeadline: 'NEVER send money to someone you have only met online or over the phone.',
    advice: 'Never send money to someone you have only met online or over the phone, however genuine their story seems.',
  },
  other: {
    seriesNoun: 'phone scam',
    callsNoun: 'scam phone calls',
    defaultOrganisation: 'a trusted organisation',
    contact: (org) => `someone claiming to work for ${org}, who asks for their personal or banking details`,
    pretext: () => 'to pay by',
    asks: {},
    defaultChannel: 'bank_transfer',
    lineHeldOpen: false,
    neverHeadline: 'Police and banks will NEVER ask for your PIN or for money over the phone.',
    advice: 'Police, banks and other genuine organisations will never ask for your PIN, your passwords or money over the phone.',
  },
};
