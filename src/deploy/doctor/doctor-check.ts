// One line of `doctor`'s report: what was checked, how it went, and in plain words what to do.

export type DoctorStatus = 'ok' | 'warn' | 'fail';

export type DoctorCheck = { name: string; status: DoctorStatus; message: string };

export const ok = (name: string, message: string): DoctorCheck => ({ name, status: 'ok', message });
export const warn = (name: string, message: string): DoctorCheck => ({ name, status: 'warn', message });
export const fail = (name: string, message: string): DoctorCheck => ({ name, status: 'fail', message });
