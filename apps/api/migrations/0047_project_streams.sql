-- 连线项目现场: a major project may carry the address of a live stream of its site (HLS .m3u8, as
-- camera and site-monitoring platforms give), played on its slide at a review meeting.
alter table projects add column stream_url text
