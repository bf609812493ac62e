-- 连线项目现场 from an inspection: the live stream (HLS .m3u8) of the place an inspection team is at,
-- played on the slides of the units with findings there.
alter table inspections add column stream_url text
