/**
 * Every message povrisk shows a user, in one place, so the CLI, the API and the
 * dashboard say the same thing. Each is a small function of the facts it names.
 * @example messages.unknownColumn('data.csv', 'wage', ['age', 'educ'])
 */
export const messages = {
  fileNotFound: (path: string) => `${path}: file not found`,
  fileEmpty: (path: string) => `${path}: file is empty`,
  headerOnly: (path: string) => `${path}: no data rows (the file has a header only)`,
  unknownFormat: (path: string) =>
    `${path}: unknown file type (expected .csv, .tsv, .txt, .parquet, .xlsx, .dta or .sav)`,
  malformed: (path: string, detail: string) => `${path}: malformed file: ${detail}`,
  unknownColumn: (path: string, column: string, available: readonly string[]) =>
    `${path}: no column named '${column}' (columns: ${available.join(', ')})`,
  nonNumeric: (path: string, column: string, row: number, value: string, line?: number) =>
    `${path}: column '${column}', row ${row}${line ? ` (line ${line})` : ''}: '${value}' is not a number`,
  badOption: (option: string, value: string, expected: string) =>
    `invalid ${option}: '${value}' (${expected})`,
  missingOption: (option: string) => `missing required option ${option}`,
  tooFewObservations: (n: number, k: number) =>
    `too few observations: ${n} complete row(s) for ${k} coefficient(s)`,
  negativeWeight: (path: string, column: string, row: number, value: number) =>
    `${path}: column '${column}', row ${row}: weight ${value} is negative`,
  listwiseDeleted: (count: number, total: number, why: Readonly<Record<string, number>> = {}) => {
    const { 'zero weight': zero, ...cells } = why;
    const missing = Object.entries(cells).map(([name, n]) => `${name} ${n}`);
    return (
      `${count} of ${total} row(s) dropped for missing values (listwise deletion)` +
      (missing.length ? `; missing cells: ${missing.join(', ')}` : '') +
      (zero ? `; zero weight: ${zero}` : '')
    );
  },

  collinear: (terms: readonly string[]) => `omitted because of collinearity: ${terms.join(', ')}`,
  leverageOne: (vce: string, rows: readonly number[]) =>
    `--vce ${vce}: row(s) ${rows.join(', ')} have leverage 1 (each alone determines a coefficient), so ${vce} standard errors are undefined; use --vce hc1`,
  singleCluster: (column: string) =>
    `--cluster ${column}: at least two clusters are needed for cluster-robust errors`,
  conflictingOptions: (a: string, b: string) => `${a} and ${b} are alternatives: give one of them`,
  vepNoPositiveIncome: (path: string, column: string) =>
    `${path}: column '${column}' has no positive income (ln income needs incomes above zero)`,
  vepTooFewHouseholds: (used: number, k: number, rows: number) =>
    `too few households: ${used} of ${rows} usable (positive income, every regressor, weight) for ${k} coefficient(s)`,
  vepExcluded: (count: number, total: number, reasons: string) =>
    `${count} of ${total} household(s) not used in estimation (${reasons}); see the status column`,
  vepFloored: (count: number, floor: number) =>
    `${count} household(s) had a fitted variance below the floor ${floor} and were given ${floor} (--variance-floor)`,
  unknownOutputFormat: (path: string) =>
    `${path}: unknown output type (expected .csv, .parquet, .xlsx or .dta)`,
  converted: (from: string, to: string, rows: number, columns: number) =>
    `${to}: wrote ${rows} row(s) × ${columns} column(s) from ${from}`,
  zsavUnsupported: (path: string) =>
    `${path}: zlib-compressed SPSS data (.zsav) is not supported; save it from SPSS as an uncompressed or standard-compressed .sav`,
  dtaCannotStore: (path: string, detail: string) => `${path}: cannot be written as .dta: ${detail}`,
  writeFailed: (path: string, detail: string) => `${path}: could not write: ${detail}`,
  simulated: (path: string, households: number, waves: number) =>
    `${path}: wrote ${households} simulated household(s)${waves > 1 ? ` × ${waves} rounds` : ''} (simulated data, not the paper's)`,
  internal: (detail: string) =>
    `internal error: ${detail} (please report it; set POVRISK_DEBUG=1 for details)`,
  qregConstantY: (column: string) =>
    `--y ${column}: the dependent variable is constant; quantile regression needs variation`,
  qregNonPositiveDensity: (tau: number, count: number) =>
    `tau ${tau}: ${count} non-positive fitted densities in the nid sandwich (set to zero, as quantreg does)`,
  qregNonUnique: (tau: number) =>
    `tau ${tau}: the solution may be non-unique (other coefficients attain the same minimum)`,
  qregSolverFailed: (tau: number) =>
    `tau ${tau}: the quantile regression solver failed (check for collinear regressors)`,
  qregSeUnavailable: (se: string, tau: number) =>
    `tau ${tau}: --se ${se} standard errors could not be computed (too few observations for the bandwidth)`,
  // monitoring (src/monitor, `povrisk monitor`)
  databaseBusy: (path: string) =>
    `${path}: database busy (another povrisk command is using it); try again when it has finished`,
  databaseServed: (path: string, url: string, pid: number) =>
    `${path}: the dashboard server (povrisk serve, pid ${pid}, ${url}) holds this DuckDB store; ` +
    `import through the dashboard instead (its upload page, POST /api/waves), or stop the server first; a registry on PostgreSQL (--db postgres://…) is shared by the CLI and any number of servers`,
  databaseUnreadable: (path: string, detail: string) => `${path}: cannot open database: ${detail}`,
  caseBusy: (household: string) =>
    `the case of household ${household} is being changed by another user right now; reload it and try again`,
  schemaTooNew: (found: number, known: number) =>
    `database schema version ${found} is newer than this povrisk knows (${known}); upgrade povrisk`,
  importMissingColumns: (path: string, columns: readonly string[]) =>
    `${path}: missing column(s) ${columns.join(', ')}`,
  importRejected: (path: string, rows: number, cells: number) =>
    `${path}: ${rows} invalid row(s) (${cells} problem(s)); nothing was imported`,
  importProblem: (row: number, column: string, value: string | null, why: string) =>
    `row ${row} (line ${row + 1}), column '${column}', value ${value === null ? '(empty)' : `'${value}'`}: ${why}`,
  importNoWaveRows: (path: string, wave: string, present: readonly string[]) =>
    `${path}: no rows with wave '${wave}' (the file's wave column holds: ${present.join(', ')})`,
  importUnchanged: (path: string, wave: string, rows: number) =>
    `${path}: wave ${wave} already holds these ${rows} observation(s); nothing changed`,
  importDone: (
    path: string,
    wave: string,
    r: { inserted: number; versioned: number; unchanged: number },
  ) =>
    `${path}: wave ${wave}: ${r.inserted} new, ${r.versioned} changed (kept as new versions), ${r.unchanged} unchanged`,
  cellRule: {
    outsideCounty: (county: string) =>
      `outside your county (${county}): a county account imports its own households only`,
    missing: () => 'missing (required)',
    notNumber: () => 'not a number',
    flag: () => 'must be 0 or 1',
    count: (min: number) => `must be a whole number, at least ${min}`,
    code: (codes: readonly number[]) => `must be one of ${codes.join(', ')}`,
    range: (min?: number, max?: number) =>
      min !== undefined && max !== undefined
        ? `must lie in [${min}, ${max}]`
        : min !== undefined
          ? `must be at least ${min}`
          : `must be at most ${max}`,
    duplicate: (firstRow: number) => `household_id repeated (first at row ${firstRow})`,
  },
  unknownWave: (wave: string, known: readonly string[]) =>
    `unknown wave '${wave}' (waves: ${known.length ? known.join(', ') : 'none imported yet'})`,
  rulesInvalid: (path: string, detail: string) => `${path}: invalid rules file: ${detail}`,
  driverMeasuresInvalid: (path: string, detail: string) =>
    `${path}: invalid driver-to-measure mapping: ${detail}`,
  unknownHousehold: (id: string) => `no household '${id}' in the store`,
  unknownCase: (id: string) =>
    `no case for household '${id}' (a case opens when the household is flagged)`,
  badTransition: (id: string, from: string, to: string, allowed: readonly string[]) =>
    `household ${id}: cannot move from '${from}' to '${to}' (allowed: ${allowed.length ? allowed.join(', ') : 'none, the case is closed'})`,
  dismissNeedsReason: (reason: string) => `a reason is required to dismiss a case (${reason} TEXT)`,
  eliminationRefused: (id: string, failed: readonly string[]) =>
    `household ${id}: risk elimination refused: ${failed.join('; ')}`,
  eliminationConditions: {
    monitoredMonths: (since: string | null, date: string, months: number) =>
      since === null
        ? `not yet monitored (at least ${months} months of monitoring are needed)`
        : `monitored since ${since}, less than ${months} months before ${date}`,
    monitoredRecorded: (recorded: string | null, today: string, months: number) =>
      recorded === null
        ? `no recorded move to monitored in the event log (at least ${months} months of recorded monitoring are needed)`
        : `monitoring was recorded on ${recorded}, less than ${months} months before today (${today}); dates typed in cannot shorten the period`,
    noMeasure: () => 'no assistance measure recorded',
    incomeWaves: (detail: string) =>
      `per-capita income not above the monitoring line in the last two waves (${detail})`,
    noLabour: () =>
      'no member able to work (such households are never eliminated automatically; keep them monitored under social assistance)',
    guarantee: (what: string, wave: string, state: 'unsafe' | 'unknown') =>
      state === 'unknown'
        ? `${what} not recorded in wave ${wave}`
        : `${what} not secure in wave ${wave}`,
  },
  /** The four guarantees checked before elimination (两不愁三保障 and safe drinking water). */
  guarantees: {
    school_dropout: 'compulsory education (义务教育)',
    no_medical_insurance: 'basic medical care (基本医疗)',
    unsafe_housing: 'safe housing (住房安全)',
    unsafe_water: 'safe drinking water (饮水安全)',
  } as Record<string, string>,
  procedure: {
    missingStep: (id: string, step: string, missing: string) =>
      `household ${id}: cannot record ${step}: ${missing} not recorded yet (the steps are: found, verification, village review, public notice, township review, county approval)`,
    stepDone: (id: string, step: string, date: string) =>
      `household ${id}: ${step} already recorded on ${date}`,
    stepBefore: (id: string, step: string, date: string, previous: string, previousDate: string) =>
      `household ${id}: ${step} on ${date} cannot come before ${previous} (${previousDate})`,
    noticeShort: (days: number, min: number, noticeEnd: string) =>
      `the public notice lasted ${days} day(s); at least ${min} are required (${noticeEnd})`,
    noticeEndNeeded: (noticeEnd: string) =>
      `the public notice needs its last day (${noticeEnd} YYYY-MM-DD)`,
    notAStep: (step: string, steps: readonly string[]) =>
      `invalid step: '${step}' (one of ${steps.join(', ')})`,
    negative: (step: string, result: string) => `${step}: ${result}`,
    caseOpen: (id: string, status: string) =>
      `household ${id} already has an open case (${status})`,
    unknownHousehold: (id: string) => `no household '${id}' in the store (import a wave first)`,
    unknownUser: (name: string) =>
      `no user '${name}' (add the account with povrisk users add first)`,
    alreadyApproved: (id: string) =>
      `household ${id}: the county has approved the case; the procedure is complete`,
    useStep: (id: string, status: string, step: string) =>
      `household ${id}: '${status}' is reached by recording the ${step} step (povrisk monitor step ${id} ${step})`,
    transitionOver: (id: string, closedOn: string, until: string) =>
      `household ${id}: the risk was eliminated on ${closedOn}; measures may be recorded until ${until} (the transition period)`,
    endBeforeStart: (endDate: string, start: string, end: string) =>
      `${endDate} ${end} is before the measure's date ${start}`,
  },
  caseClosed: (id: string, status: string) => `household ${id}: the case is closed (${status})`,
  noObservations: (wave: string) => `wave ${wave} has no observations`,
  // studies (`povrisk analyze`, `povrisk demo`)
  study: {
    /** A problem at a place in a study file: `file line N, path: detail`. */
    at: (file: string, line: number | null, path: string, detail: string) =>
      `${file}${line !== null ? ` line ${line}` : ''}${path ? `, ${path}` : ''}: ${detail}`,
    unreadable: (detail: string) => `cannot parse the study file: ${detail}`,
    pppWithLine: () => 'ppp goes with usd_per_day',
    unknownKey: (suggestion: string | null) =>
      `unknown key${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
    noColumn: (column: string, data: string, suggestion: string | null) =>
      `no column '${column}' in ${data}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
    formulaSyntax: (formula: string, at: number, detail: string) =>
      `formula '${formula}': ${detail} at character ${at + 1}`,
    formulaMissing: (formula: string, item: string, data: string, suggestion: string | null) =>
      `formula '${formula}' uses '${item}', which is neither a column of ${data} nor an earlier derived variable${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
    duplicateName: (name: string) => `'${name}' is defined twice`,
    derivedText: (name: string) =>
      `'${name}' is a derived variable, a number: give its levels as numbers or ranges, or from-data`,
    noValueLabels: (column: string, data: string) =>
      `levels: from-labels needs value labels, and ${data} has none for column '${column}' (value labels come with Stata .dta and SPSS .sav files; list the levels instead, or use from-data)`,
    outputNotOurs: (dir: string) =>
      `${dir}: exists and is not a povrisk output directory (no results.json); choose another --out`,
    progress: (step: string) => `povrisk: ${step}`,
    noPdf: (reason: string) =>
      `povrisk: no report.pdf: ${reason} (install Debian's chromium, or set CHROMIUM_PATH); report.html is written`,
    wrote: (file: string) => `povrisk: report written to ${file}`,
    xlsxNoSheet: (path: string) => `${path}: the workbook has no worksheet`,
    xlsxBadCell: (path: string, column: string, row: number, value: string) =>
      `${path}: column '${column}', row ${row}: '${value}' is not a number`,
  },
  /** `povrisk validate` and `povrisk monitor validate`: does the warning predict falling back? */
  validate: {
    missingCell: (path: string, column: string, row: number) =>
      `${path}: column '${column}', row ${row}: empty (every row needs a household id and a wave)`,
    duplicateRow: (
      path: string,
      id: string,
      household: string,
      wave: string,
      first: number,
      again: number,
    ) =>
      `${path}: ${id} '${household}' appears twice in wave '${wave}' (rows ${first} and ${again})`,
    oneWave: (path: string, column: string, wave: string) =>
      `${path}: column '${column}' has one wave only ('${wave}'); validation needs at least two`,
    missingOutcome: (count: number, from: string, to: string) =>
      `waves ${from} → ${to}: ${count} household(s) left out for a missing income in wave ${to}`,
    noHistory: (from: string) =>
      `wave ${from}: the history model needs an earlier wave to fit on; this pair is not scored`,
    pairFailed: (from: string, to: string, detail: string) =>
      `waves ${from} → ${to}: the model could not be fitted (${detail}); this pair is not scored`,
  },
  server: {
    listening: (url: string) => `povrisk dashboard at ${url} (Ctrl-C to stop)`,
    webNotBuilt: (dir: string) =>
      `${dir}: the web app is not built (run npm run build); serving the API only`,
    badUsername: (name: string) =>
      `invalid user name '${name}' (1 to 64 letters, digits, '.', '_' or '-')`,
    userExists: (name: string) => `user '${name}' already exists`,
    adminAreaAll: (area: string) => `--area ${area}: an admin's area is 'all'`,
    areaUnknown: (area: string, level: string) =>
      `--area ${area}: no ${level} of that name or id in the database (import a wave first)`,
    areaAmbiguous: (area: string, ids: readonly string[]) =>
      `--area ${area}: several areas have that name; give its id: ${ids.join(', ')}`,
    passwordShort: (min: number) =>
      `the password (read from stdin) must have at least ${min} characters`,
    userAdded: (name: string, role: string, area: string) =>
      `user ${name} added (${role}, ${area})`,
    loginFailed: () => 'wrong user name or password',
    loginLimited: (seconds: number) => `too many failed sign-ins; try again in ${seconds} s`,
    signInFirst: () => 'sign in first (or the session has expired)',
    csrfFailed: () => 'missing or wrong CSRF token (send the X-CSRF-Token header)',
    originRejected: (origin: string) => `cross-origin request refused (Origin ${origin})`,
    householdNotFound: (id: string) => `household '${id}' not found in your area`,
    badField: (field: string, why: string) => `${field}: ${why}`,
    notFound: (path: string) => `no such endpoint: ${path}`,
    hostRefused: (host: string) =>
      `host '${host}' is not served here (start the server with --allowed-host ${host} to allow it)`,
    controlChars: (field: string) => `${field}: must not contain NUL or other control characters`,
    dateInFuture: (field: string, date: string, latest: string) =>
      `${field} ${date}: lies in the future (latest allowed ${latest})`,
    badTrustProxy: (value: string) =>
      `--trust-proxy ${value}: not an IP address or CIDR range (e.g. 10.0.0.1 or 10.0.0.0/8)`,
    badAllowedHost: (value: string) => `--allowed-host ${value}: not a host name`,
    roleRefused: (role: string, roles: readonly string[]) =>
      `a ${role} account may not do this (only ${roles.join(', ')})`,
    uploadField: (field: string) => `the upload needs the field '${field}'`,
    uploadTooLarge: (mb: number) => `the file is larger than ${mb} MB`,
    uploadNoName: () => 'the uploaded file has no name (its extension tells its format)',
  },
};
