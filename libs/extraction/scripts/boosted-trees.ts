// Gradient-boosted regression trees for a binary label (logistic loss, second-order steps), grown level by level to a
// fixed depth over quantised features. Nothing is random: candidate splits are quantiles of the training values,
// ties go to the first feature and bin, so the same rows give the same trees byte for byte.
import type { FeatureRow } from '../src/html/block-features';
import type { BlockTree } from '../src/html/block-model';

export interface BoostingConfig {
  trees: number;
  depth: number;
  learningRate: number;
  /** L2 penalty on leaf values (in hessian units). */
  lambda: number;
  /** A split leaves at least this much hessian weight on each side. */
  minChildWeight: number;
  /** Candidate thresholds per dense feature (at most 255). */
  bins: number;
}

export interface WeightedRows {
  rows: readonly FeatureRow[];
  /** 1 or 0. */
  labels: readonly number[];
  weights: readonly number[];
}

export interface BoostedTrees {
  base: number;
  trees: BlockTree[];
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Thresholds of one feature: every distinct value but the largest when there are few, else the values at evenly
 * spaced quantiles. A block goes left when its value is <= the threshold.
 */
function thresholdsOf(values: Float64Array, bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  if (distinct.length <= bins) return distinct.slice(0, -1);
  const out: number[] = [];
  for (let q = 1; q < bins; q++) {
    const v = sorted[Math.floor((q * sorted.length) / bins)];
    if (v !== distinct[distinct.length - 1] && (out.length === 0 || v > out[out.length - 1])) out.push(v);
  }
  return out;
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
}

/**
 * Boosts `config.trees` trees of depth `config.depth`. Features below `denseCount` are quantised; the others are
 * binary (present or absent) and kept sparse, so hashed tokens cost only where they occur.
 */
export function boostTrees(
  data: WeightedRows,
  featureCount: number,
  denseCount: number,
  config: BoostingConfig,
): BoostedTrees {
  const n = data.rows.length;
  const d = denseCount;
  // Weights normalised to a mean of 1, so minChildWeight means about the same on any amount of data.
  const totalWeight = data.weights.reduce((a, b) => a + b, 0);
  const w = Float64Array.from(data.weights, (x) => (x * n) / Math.max(1e-12, totalWeight));
  const values = Array.from({ length: d }, () => new Float64Array(n));
  const sparse: number[][] = [];
  data.rows.forEach((row, r) => {
    const present: number[] = [];
    for (let k = 0; k < row.index.length; k++) {
      const f = row.index[k];
      if (f < d) values[f][r] = row.value[k];
      else if (row.value[k] > 0.5) present.push(f);
    }
    sparse.push(present);
  });
  const thresholds = values.map((v) => thresholdsOf(v, Math.min(255, config.bins)));
  const stride = Math.min(255, config.bins);
  const binned = new Uint8Array(n * d);
  for (let f = 0; f < d; f++) {
    const t = thresholds[f];
    for (let r = 0; r < n; r++) {
      const v = values[f][r];
      let lo = 0;
      let hi = t.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v <= t[mid]) hi = mid;
        else lo = mid + 1;
      }
      binned[r * d + f] = lo;
    }
  }
  let positive = 0;
  for (let r = 0; r < n; r++) positive += w[r] * data.labels[r];
  const prior = Math.min(1 - 1e-6, Math.max(1e-6, positive / Math.max(1e-12, n)));
  const base = round(Math.log(prior / (1 - prior)));
  const score = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const node = new Int32Array(n);
  const sparseCount = featureCount - d;
  const trees: BlockTree[] = [];
  const lambda = config.lambda;
  const objective = (G: number, H: number): number => (G * G) / (H + lambda);
  for (let t = 0; t < config.trees; t++) {
    for (let r = 0; r < n; r++) {
      const p = 1 / (1 + Math.exp(-score[r]));
      g[r] = w[r] * (p - data.labels[r]);
      h[r] = w[r] * Math.max(1e-6, p * (1 - p));
    }
    node.fill(0);
    const inner = 2 ** config.depth - 1;
    const feature = new Array<number>(inner).fill(-1);
    const threshold = new Array<number>(inner).fill(0);
    const splitBin = new Int32Array(inner);
    for (let level = 0; level < config.depth; level++) {
      const first = 2 ** level - 1;
      const width = 2 ** level;
      const hist = new Float64Array(width * d * stride * 2);
      const sparseHist = new Float64Array(width * sparseCount * 2);
      const totals = new Float64Array(width * 2);
      for (let r = 0; r < n; r++) {
        const k = node[r] - first;
        const gr = g[r];
        const hr = h[r];
        totals[2 * k] += gr;
        totals[2 * k + 1] += hr;
        const rowBase = r * d;
        const histBase = k * d * stride;
        for (let f = 0; f < d; f++) {
          const at = 2 * (histBase + f * stride + binned[rowBase + f]);
          hist[at] += gr;
          hist[at + 1] += hr;
        }
        for (const f of sparse[r]) {
          const at = 2 * (k * sparseCount + f - d);
          sparseHist[at] += gr;
          sparseHist[at + 1] += hr;
        }
      }
      for (let k = 0; k < width; k++) {
        const G = totals[2 * k];
        const H = totals[2 * k + 1];
        const parent = objective(G, H);
        let best: Split = { gain: 1e-9, feature: -1, bin: 0 };
        for (let f = 0; f < d; f++) {
          let GL = 0;
          let HL = 0;
          const at = k * d * stride + f * stride;
          for (let b = 0; b < thresholds[f].length; b++) {
            GL += hist[2 * (at + b)];
            HL += hist[2 * (at + b) + 1];
            const HR = H - HL;
            if (HL < config.minChildWeight || HR < config.minChildWeight) continue;
            const gain = objective(GL, HL) + objective(G - GL, HR) - parent;
            if (gain > best.gain) best = { gain, feature: f, bin: b };
          }
        }
        for (let s = 0; s < sparseCount; s++) {
          // Absent goes left: the left side is the node less the blocks that have the token.
          const GR = sparseHist[2 * (k * sparseCount + s)];
          const HR = sparseHist[2 * (k * sparseCount + s) + 1];
          const HL = H - HR;
          if (HL < config.minChildWeight || HR < config.minChildWeight) continue;
          const gain = objective(G - GR, HL) + objective(GR, HR) - parent;
          if (gain > best.gain) best = { gain, feature: d + s, bin: -1 };
        }
        if (best.feature >= 0) {
          feature[first + k] = best.feature;
          threshold[first + k] = best.feature < d ? thresholds[best.feature][best.bin] : 0.5;
          splitBin[first + k] = best.bin;
        }
      }
      for (let r = 0; r < n; r++) {
        const at = node[r];
        const f = feature[at];
        let left = true;
        if (f >= 0 && f < d) left = binned[r * d + f] <= splitBin[at];
        else if (f >= d) left = !sparse[r].includes(f);
        node[r] = left ? 2 * at + 1 : 2 * at + 2;
      }
    }
    const leaves = 2 ** config.depth;
    const G = new Float64Array(leaves);
    const H = new Float64Array(leaves);
    for (let r = 0; r < n; r++) {
      G[node[r] - inner] += g[r];
      H[node[r] - inner] += h[r];
    }
    const leaf = Array.from(G, (gs, i) => round((-gs / (H[i] + lambda)) * config.learningRate));
    for (let r = 0; r < n; r++) score[r] += leaf[node[r] - inner];
    trees.push({ feature, threshold, leaf });
  }
  return { base, trees };
}
