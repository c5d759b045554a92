export const ratesPaths = {
  rates: () => '#/rates',
  calculators: () => '#/calculators',
};
