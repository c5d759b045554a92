import type { BenefitRules, BenefitType, CalcStep } from '../contracts/rates.js';
import { roundHalfUp, rupiah } from './rates.js';

/**
 * Cash benefits of JKK and JKM (DESIGN §4.3, PP 82/2019) from the benefit rules in force: pure, the rules
 * are an argument. Whole rupiah, halves up (domain/rates.ts); the components add up to the total. The
 * scholarship is a ceiling paid over the children's schooling, so it is shown beside the total, not in it.
 */
export interface BenefitInput {
  type: BenefitType;
  base: number;
  /** Months of membership; null when not known (then the full JKM benefit is assumed). */
  monthsMember: number | null;
  /** STMB: months unable to work. */
  monthsOff: number;
}

export interface Benefit {
  total: number;
  components: Record<string, number>;
  scholarship: { eligible: boolean | null; maxChildren: number; max: number } | null;
  steps: CalcStep[];
}

const step = (key: string, text: string, amount: number | null = null): CalcStep => ({ key, text, amount });

export function benefitOf(rules: BenefitRules, input: BenefitInput): Benefit {
  const steps: CalcStep[] = [];
  const components: Record<string, number> = {};
  let scholarship: Benefit['scholarship'] = null;
  const s = rules.scholarship;
  const scholarshipFor = (eligible: boolean | null) => ({ eligible, maxChildren: s.maxChildren, max: s.max });
  const jkmWhole = rules.jkmDeath.lumpSum + rules.jkmDeath.funeral + rules.jkmDeath.periodic;

  switch (input.type) {
    case 'jkm_death': {
      const early = rules.jkmEarlyDeath;
      if (input.monthsMember !== null && input.monthsMember < early.withinMonths) {
        components.funeral = early.funeral;
        steps.push(
          step(
            'funeral',
            `Meninggal dalam ${early.withinMonths} bulan pertama kepesertaan (${input.monthsMember} bulan): hanya biaya pemakaman`,
            early.funeral,
          ),
        );
        scholarship = scholarshipFor(false);
        break;
      }
      if (input.monthsMember === null)
        steps.push(
          step(
            'assumption',
            `Lama kepesertaan tidak disebut: dianggap sudah ${early.withinMonths} bulan atau lebih`,
          ),
        );
      components.lumpSum = rules.jkmDeath.lumpSum;
      components.funeral = rules.jkmDeath.funeral;
      components.periodic = rules.jkmDeath.periodic;
      steps.push(step('lumpSum', 'Santunan sekaligus', components.lumpSum));
      steps.push(step('funeral', 'Biaya pemakaman', components.funeral));
      steps.push(step('periodic', 'Santunan berkala', components.periodic));
      const eligible = input.monthsMember === null ? null : input.monthsMember >= s.minMonthsOtherDeath;
      scholarship = scholarshipFor(eligible);
      steps.push(
        step(
          'scholarship',
          `Beasiswa paling banyak ${s.maxChildren} anak, paling tinggi ${rupiah(s.max)}, bila sudah membayar iuran ${s.minMonthsOtherDeath} bulan${eligible === null ? ' (lama kepesertaan tidak disebut)' : eligible ? ': memenuhi' : ': belum memenuhi'}`,
        ),
      );
      break;
    }
    case 'jkk_death': {
      const r = rules.jkkDeath;
      const computed = roundHalfUp(input.base * r.percent * r.months, 100);
      components.lumpSum = Math.max(computed, jkmWhole);
      steps.push(
        step(
          'lumpSum',
          `Santunan kematian ${r.percent}% × ${r.months} × ${rupiah(input.base)} = ${rupiah(computed)}${computed < jkmWhole ? `, dinaikkan ke manfaat JKM ${rupiah(jkmWhole)} (tidak boleh kurang)` : ''}`,
          components.lumpSum,
        ),
      );
      components.funeral = r.funeral;
      components.periodic = r.periodic;
      steps.push(step('funeral', 'Biaya pemakaman', r.funeral));
      steps.push(step('periodic', 'Santunan berkala', r.periodic));
      scholarship = scholarshipFor(true);
      steps.push(
        step(
          'scholarship',
          `Beasiswa paling banyak ${s.maxChildren} anak, paling tinggi ${rupiah(s.max)}, tanpa masa iur minimum`,
        ),
      );
      break;
    }
    case 'jkk_total_disability': {
      const r = rules.jkkTotalDisability;
      components.lumpSum = roundHalfUp(input.base * r.percent * r.months, 100);
      steps.push(
        step(
          'lumpSum',
          `Santunan cacat total tetap ${r.percent}% × ${r.months} × ${rupiah(input.base)}`,
          components.lumpSum,
        ),
      );
      scholarship = scholarshipFor(true);
      steps.push(
        step(
          'scholarship',
          `Beasiswa paling banyak ${s.maxChildren} anak, paling tinggi ${rupiah(s.max)}, tanpa masa iur minimum`,
        ),
      );
      break;
    }
    case 'stmb': {
      const r = rules.stmb;
      const first = Math.min(input.monthsOff, r.firstMonths);
      const later = Math.max(0, input.monthsOff - r.firstMonths);
      const firstMonthly = roundHalfUp(input.base * r.firstPercent, 100);
      const laterMonthly = roundHalfUp(input.base * r.laterPercent, 100);
      components.firstPeriod = first * firstMonthly;
      components.laterPeriod = later * laterMonthly;
      steps.push(
        step(
          'firstPeriod',
          `${first} bulan pertama (sampai ${r.firstMonths} bulan): ${r.firstPercent}% × ${rupiah(input.base)} = ${rupiah(firstMonthly)} sebulan`,
          components.firstPeriod,
        ),
      );
      steps.push(
        step(
          'laterPeriod',
          `${later} bulan berikutnya, sampai sembuh: ${r.laterPercent}% × ${rupiah(input.base)} = ${rupiah(laterMonthly)} sebulan`,
          components.laterPeriod,
        ),
      );
      break;
    }
  }
  const total = Object.values(components).reduce((a, b) => a + b, 0);
  steps.push(step('total', 'Jumlah manfaat tunai', total));
  return { total, components, scholarship, steps };
}
