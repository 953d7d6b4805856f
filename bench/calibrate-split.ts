/**
 * The São Paulo split of the calibration benches: the 9 CET development stations used to
 * calibrate, every station of the file but every third (CET018, CET031, CET066, CET082, CET103 are held out).
 */
export const SPLIT = ['CET019', 'CET026', 'CET056', 'CET060', 'CET068', 'CET069', 'CET090', 'CET095', 'CET113'];
