import type { EntityClass } from '../ner/tags';

/** Where an entity is named: UTF-16 offsets into the text as given, and the text found there. */
export interface Mention {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export type EntityType = 'PERSON' | 'ORGANIZATION' | 'LOCATION';

export interface Entity {
  /** Canonical name: the fullest form used in the text ("Volodymyr Zelensky" for every "Zelensky"). */
  readonly name: string;
  readonly type: EntityType;
  /** The role written before a person's name ("US President"), when the text gives one. */
  readonly title: string | null;
  readonly mentions: Mention[];
  readonly count: number;
  /** Higher is more central: frequency, earliness and presence in the title. */
  readonly salience: number;
}

/** A mention as token range while the rules still work on it. */
export interface TokenSpan {
  readonly first: number;
  /** Exclusive. */
  readonly last: number;
  readonly cls: EntityClass;
}

export const ENTITY_TYPE: Readonly<Record<EntityClass, EntityType>> = {
  PER: 'PERSON',
  ORG: 'ORGANIZATION',
  LOC: 'LOCATION',
};
