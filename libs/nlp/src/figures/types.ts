/** A quantity named in the text; `text`, `start`, `end` locate it, `value` is its number when it has one. */
export interface FigureBase {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly value: number | null;
}

export interface MoneyFigure extends FigureBase {
  readonly kind: 'money';
  readonly amount: number;
  /** ISO 4217. */
  readonly currency: string;
}

export interface PercentFigure extends FigureBase {
  readonly kind: 'percent';
}

export interface AreaFigure extends FigureBase {
  readonly kind: 'area';
  readonly unit: 'km2' | 'mi2' | 'm2' | 'ha' | 'acre';
}

export interface CountFigure extends FigureBase {
  readonly kind: 'count';
  /** What is counted, as written ("children", "member countries"). */
  readonly unit: string;
}

export interface DateFigure extends FigureBase {
  readonly kind: 'date';
  /** ISO 8601 date, year-month or year resolved against the publication date; null when it cannot be. */
  readonly date: string | null;
}

export type Figure = MoneyFigure | PercentFigure | AreaFigure | CountFigure | DateFigure;
