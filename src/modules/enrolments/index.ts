export {
  cancelRosterEnrolments,
  type EnrolmentActor,
  insertProposedEnrolments,
  isDoubleFunding,
  type ProposedEnrolments,
} from './enrolments.propose.js';
