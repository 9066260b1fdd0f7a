export function webBuildIsStale(): boolean;
export function buildWeb(): Promise<void>;
