/** Department labels for templates (`{{department}}`): the clinical table is the one source. */
export { DEPARTMENTS as DEPARTMENT_LABELS, departmentLabel } from '../clinical/index.js';
