/**
 * The 14 municipalities of Twente with their CBS codes (docs/product.md, domain facts). Real public data.
 */
export const twenteMunicipalities = [
  { cbs: 'GM0141', name: 'Almelo' },
  { cbs: 'GM0147', name: 'Borne' },
  { cbs: 'GM1774', name: 'Dinkelland' },
  { cbs: 'GM0153', name: 'Enschede' },
  { cbs: 'GM0158', name: 'Haaksbergen' },
  { cbs: 'GM0163', name: 'Hellendoorn' },
  { cbs: 'GM0164', name: 'Hengelo' },
  { cbs: 'GM1735', name: 'Hof van Twente' },
  { cbs: 'GM0168', name: 'Losser' },
  { cbs: 'GM0173', name: 'Oldenzaal' },
  { cbs: 'GM1742', name: 'Rijssen-Holten' },
  { cbs: 'GM0183', name: 'Tubbergen' },
  { cbs: 'GM1700', name: 'Twenterand' },
  { cbs: 'GM0189', name: 'Wierden' },
] as const;
