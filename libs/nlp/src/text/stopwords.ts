// English function words and reporting verbs: they carry no topic, so keyword and summary scoring skip them.
const STOPWORDS = new Set(
  `a about above after again against all almost already also although always am among an and another any anyone
  anything are around as at away back be became because become becomes been before being below between both but by
  can cannot could did do does doing done down during each either else enough even ever every few for from further
  get gets getting got had has have having he her here hers herself him himself his how however i if in into is it
  its itself just last least less like made make many may me might more most much must my myself never new next no
  nor not now of off often on once one only or other others our ours ourselves out over own per put rather said same
  say says see seen several shall she should since so some something still such than that the their theirs them
  themselves then there these they this those though through thus to too under until up upon us very via was way we
  well were what whatever when where whether which while who whom whose why will with within without would yet you
  your yours yourself yourselves told according added including among amid around across along going want wants
  wanted two three four five six seven eight nine ten first second third year years week weeks month months day days
  time times mr mrs ms dr percent cent lot lots kind kinds thing things part parts able likely unlikely recent
  recently later lately soon already far around nearly almost about another whose whom per s t don didn doesn isn
  wasn aren weren won wouldn couldn shouldn ve ll re d m`.split(/\s+/u),
);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word.toLowerCase());
}
