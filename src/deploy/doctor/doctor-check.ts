// One line of `doctor`'s report: what was checked, how it went, and in plain words what to do.
// A note says how the deployment is set up, without counting as a warning.

export type DoctorStatus = 'ok' | 'note' | 'warn' | 'fail';

export type DoctorCheck = { name: string; status: DoctorStatus; message: string };

export const ok = (name: string, message: string): DoctorCheck => ({ name, status: 'ok', message });
export const note = (name: string, message: string): DoctorCheck => ({ name, status: 'note', message });
export const warn = (name: string, message: string): DoctorCheck => ({ name, status: 'warn', message });
export const fail = (name: string, message: string): DoctorCheck => ({ name, status: 'fail', message });
